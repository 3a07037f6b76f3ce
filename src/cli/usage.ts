/** What `ekm-doctor --help` and `ekm-doctor <command> --help` print. */
export const COMMAND_USAGE = {
  diagnose: `ekm-doctor diagnose [--json | --ticket] [--api URL] [--org ID] [--key K] [--role ARN] [--region R] [--provider aws|gcp|azure] [FILE...]
    Diagnose error output or a configuration document from files, or from stdin (no FILE, or -).
    A directory stands for its infrastructure files; the .tf and .tf.json files of one directory
    are one Terraform module, checked together.
    --json      the diagnosis as JSON (one object per file or module)
    --ticket    a Markdown summary for a support ticket (without the payload)
    --api URL   diagnose with an EKM Doctor API at URL instead of the bundled engine; the payload
                is redacted on this machine before it is sent
    --org, --key, --role, --region, --provider   what you already know, to sharpen the diagnosis
    Exit code: 0 something matched, 1 nothing matched, 2 usage or input error.`,
  explain: `ekm-doctor explain <symptom-id | error-code>
    Print a symptom's summary, causes, fix and article.
    Exit code: 0 found, 1 nothing is known by that name, 2 usage error.`,
  check: `ekm-doctor check aws --key <key-or-alias-ARN> --role <role-ARN> --org <org-or-project-id>
                     [--region R] [--profile P] [--roundtrip] [--json]
ekm-doctor check gcp --key <key-resource-name> --provider <provider-resource-name> --org <org-or-project-id>
                     [--impersonate-service-account SA] [--json]
ekm-doctor check azure --key https://<vault>.vault.azure.net/keys/<name>[/<version>]
                       --tenant <tenant-id> --org <org-id> [--subscription <id>] [--json]
    Check a live AWS, Google Cloud or Azure setup with your own credentials, read-only (--roundtrip
    also encrypts and decrypts random bytes with the AWS key).
    gcp: --key is projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>, --provider
    projects/<project-number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>.
    It reads with Application Default Credentials (gcloud auth application-default login, or
    GOOGLE_APPLICATION_CREDENTIALS), as SA with --impersonate-service-account.
    azure: credentials from AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or a sign-in of
    az, azd or Azure PowerShell (az login --tenant <tenant-id>); the vault is looked up in
    --subscription, else in every subscription of the tenant you can see.
    Exit code: 0 every check that decides passed, 1 a check failed, 2 usage error, 3 none failed
    but one that decides could not be made (throttled, a missing read permission, an unreachable
    endpoint): a CI job must not read 3 as healthy.`,
  completion: `ekm-doctor completion bash|zsh|fish
    Print a shell completion script. For example:
      bash:  ekm-doctor completion bash > ~/.local/share/bash-completion/completions/ekm-doctor
      zsh:   ekm-doctor completion zsh > "\${fpath[1]}/_ekm-doctor"
      fish:  ekm-doctor completion fish > ~/.config/fish/completions/ekm-doctor.fish`,
} as const

export type Command = keyof typeof COMMAND_USAGE

const indent = (usage: string) => `  ${usage.replace(/\n/g, '\n  ')}`

/** One command's usage, as `<command> --help` and its usage errors print it. */
export const commandUsage = (command: Command) => `Usage:\n${indent(COMMAND_USAGE[command])}\n`

export const USAGE = `Usage:
${Object.values(COMMAND_USAGE).map(indent).join('\n')}
  ekm-doctor --version | --help | <command> --help

Options for every command: --no-color (or NO_COLOR=1) for plain output.
Set EKM_DOCTOR_SITE to the site's address for article links (default http://127.0.0.1:8787).
`
