/** `ekm-doctor completion bash|zsh|fish`: shell completion scripts, generated from one table. */
import { SYMPTOMS } from '../generated/symptoms.ts'
import { UsageError } from './io.ts'

interface Option {
  name: string
  help: string
  /** What the option's value completes to: fixed words, or nothing in particular. */
  values?: string[] | 'any'
}

const COMMANDS: { name: string; help: string; options: Option[] }[] = [
  {
    name: 'diagnose',
    help: 'Diagnose error output or a configuration document',
    options: [
      { name: 'json', help: 'the diagnosis as JSON' },
      { name: 'ticket', help: 'a Markdown summary for a support ticket' },
      { name: 'api', help: 'diagnose with an EKM Doctor API at this URL', values: 'any' },
      { name: 'org', help: 'OpenAI organization or project id', values: 'any' },
      { name: 'key', help: 'the key (ARN, resource name or URL)', values: 'any' },
      { name: 'role', help: 'the IAM role ARN', values: 'any' },
      { name: 'region', help: 'the key\'s region', values: 'any' },
      { name: 'provider', help: 'the cloud', values: ['aws', 'gcp', 'azure'] },
    ],
  },
  { name: 'explain', help: 'Explain a symptom id or an error code', options: [] },
  {
    name: 'check',
    help: 'Check a live setup, read-only',
    options: [
      { name: 'key', help: 'key or alias ARN (aws), key resource name (gcp), key identifier (azure)', values: 'any' },
      { name: 'role', help: 'role ARN (aws)', values: 'any' },
      { name: 'provider', help: 'workload identity provider resource name (gcp)', values: 'any' },
      { name: 'org', help: 'OpenAI organization or project id', values: 'any' },
      { name: 'region', help: 'AWS region', values: 'any' },
      { name: 'profile', help: 'AWS profile', values: 'any' },
      { name: 'impersonate-service-account', help: 'service account to read as (gcp)', values: 'any' },
      { name: 'tenant', help: 'Azure tenant (directory) id', values: 'any' },
      { name: 'subscription', help: 'Azure subscription id of the vault', values: 'any' },
      { name: 'roundtrip', help: 'also encrypt and decrypt random bytes (aws)' },
      { name: 'json', help: 'the checklist as JSON' },
    ],
  },
  { name: 'completion', help: 'Print a shell completion script', options: [] },
  { name: 'help', help: 'Show help for a command', options: [] },
]
const COMMON: Option[] = [{ name: 'no-color', help: 'plain output' }, { name: 'help', help: 'show help' }]
/** Each command's own words after it: check's target, completion's shells, explain's symptom ids. */
const WORDS: Record<string, string[]> = {
  check: ['aws', 'gcp', 'azure'],
  completion: ['bash', 'zsh', 'fish'],
  explain: SYMPTOMS.map((s) => s.id),
  help: COMMANDS.filter((c) => c.name !== 'help').map((c) => c.name),
}

const optionsOf = (c: (typeof COMMANDS)[number]) => [...c.options, ...COMMON]
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

function bash(): string {
  const withValue = [...new Set(COMMANDS.flatMap((c) => c.options.filter((o) => o.values === 'any').map((o) => `--${o.name}`)))]
  const cases = COMMANDS.map((c) => {
    const opts = optionsOf(c).map((o) => `--${o.name}`).join(' ')
    const words = (WORDS[c.name] ?? []).join(' ')
    const body =
      c.name === 'diagnose'
        ? `if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "${opts}" -- "$cur") ); else COMPREPLY=( $(compgen -f -- "$cur") ); fi`
        : `COMPREPLY=( $(compgen -W "${words} ${opts}" -- "$cur") )`
    return `    ${c.name}) ${body} ;;`
  }).join('\n')
  return `# ekm-doctor completion for bash: source it, or save it as ~/.local/share/bash-completion/completions/ekm-doctor
_ekm_doctor() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="\${COMP_WORDS[1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${COMMANDS.map((c) => c.name).join(' ')} --version --help" -- "$cur") )
    return
  fi
  case "$prev" in
    --provider) [ "$cmd" = diagnose ] && COMPREPLY=( $(compgen -W "aws gcp azure" -- "$cur") ) || COMPREPLY=(); return ;;
    ${withValue.join('|')}) COMPREPLY=(); return ;;
  esac
  case "$cmd" in
${cases}
  esac
}
complete -o default -F _ekm_doctor ekm-doctor
`
}

function zsh(): string {
  const commands = COMMANDS.map((c) => quote(`${c.name}:${c.help}`)).join(' ')
  const spec = (o: Option) => quote(`--${o.name}[${o.help}]${o.values === 'any' ? `:${o.name}:` : o.values ? `:${o.name}:(${o.values.join(' ')})` : ''}`)
  const cases = COMMANDS.map((c) => {
    const opts = optionsOf(c).map(spec).join(' ')
    const words = WORDS[c.name]
    const rest = c.name === 'diagnose' ? quote('*:file:_files') : words ? quote(`*:${c.name === 'explain' ? 'symptom' : 'word'}:(${words.join(' ')})`) : ''
    return `    ${c.name}) _arguments ${opts} ${rest} ;;`
  }).join('\n')
  return `#compdef ekm-doctor
# ekm-doctor completion for zsh: save it as _ekm-doctor in a directory of $fpath, or source it.
_ekm_doctor() {
  local -a commands
  commands=(${commands})
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  shift words
  (( CURRENT-- ))
  case "\${words[1]}" in
${cases}
  esac
}
if [ "\${funcstack[1]}" = "_ekm-doctor" ]; then _ekm_doctor "$@"; else compdef _ekm_doctor ekm-doctor; fi
`
}

function fish(): string {
  const lines = ['# ekm-doctor completion for fish: save it as ~/.config/fish/completions/ekm-doctor.fish', 'complete -c ekm-doctor -f']
  for (const c of COMMANDS) lines.push(`complete -c ekm-doctor -n __fish_use_subcommand -a ${c.name} -d ${quote(c.help)}`)
  for (const c of COMMANDS) {
    const when = `-n ${quote(`__fish_seen_subcommand_from ${c.name}`)}`
    for (const o of optionsOf(c)) {
      const value = o.values === 'any' ? ' -x' : o.values ? ` -xa ${quote(o.values.join(' '))}` : ''
      lines.push(`complete -c ekm-doctor ${when} -l ${o.name}${value} -d ${quote(o.help)}`)
    }
    if (WORDS[c.name]) lines.push(`complete -c ekm-doctor ${when} -a ${quote(WORDS[c.name].join(' '))}`)
    if (c.name === 'diagnose') lines.push(`complete -c ekm-doctor ${when} -F`)
  }
  return lines.join('\n') + '\n'
}

const SHELLS: Record<string, () => string> = { bash, zsh, fish }

export function completionScript(shell: string | undefined): string {
  const make = shell && SHELLS[shell]
  if (!make) throw new UsageError(`completion needs a shell: ${Object.keys(SHELLS).join(', ')}`)
  return make()
}
