/** `diagnose` and `explain`: thin shells around the engine. */
import { parseArgs } from 'node:util'
import { buildCodeIndex, CONTEXT_PROVIDERS, createDiagnoser, findInIndex, isPrimaryFor, normalizeCode, ticketMarkdown, type DiagnoseContext } from '../engine/index.ts'
import { CODE_MEANINGS, FAMILIES, SYMPTOMS } from '../generated/symptoms.ts'
import { checkAws, KEY_ARN, ORG, ROLE_ARN } from './check-aws/run.ts'
import { checkAzure, GUID, KEY_URL } from './check-azure/run.ts'
import { checkGcp, KEY_NAME, PROVIDER_NAME, SERVICE_ACCOUNT } from './check-gcp/run.ts'
import { runChecklist } from './check/report.ts'
import { formatDiagnosis, formatSymptom, siteUrl } from './format.ts'
import { expandInputs, groupModules } from './inputs.ts'
import { readModule, readPayload } from './read.ts'
import { EXIT, UsageError, type Io } from './io.ts'
import { RemoteError, remoteDiagnose } from './remote.ts'
import { PLAIN, type Style } from './style.ts'


export async function diagnose(args: string[], io: Io, style: Style = PLAIN): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      ticket: { type: 'boolean', default: false },
      api: { type: 'string' },
      org: { type: 'string' },
      key: { type: 'string' },
      role: { type: 'string' },
      region: { type: 'string' },
      provider: { type: 'string' },
    },
  })
  if (values.provider && !(CONTEXT_PROVIDERS as readonly string[]).includes(values.provider)) throw new UsageError(`--provider must be one of ${CONTEXT_PROVIDERS.join(', ')}`)
  const files = positionals.length ? await expandInputs(io, positionals) : ['-']
  if (!files.length) throw new UsageError(`no infrastructure files (.tf, .tf.json, templates, plans) in ${positionals.join(', ')}`)
  if (files.includes('-') && io.stdinIsTty) throw new UsageError('no input: pass a file, or pipe the error into stdin')
  const context: DiagnoseContext = { org: values.org, key: values.key, role: values.role, region: values.region, provider: values.provider as DiagnoseContext['provider'] }
  const diagnoser = values.api ? undefined : createDiagnoser(SYMPTOMS, FAMILIES, CODE_MEANINGS)
  const base = (path: string) => siteUrl(io.env, path)
  let matched = false
  let inputError = false
  // Through --api every file goes on its own: the API reads one document a request.
  const inputs = diagnoser ? groupModules(files) : files.map((file) => ({ name: file, files: [file], module: false }))
  for (const input of inputs) {
    let result
    if (input.module) {
      const { module, failed } = await readModule(io, input.files)
      inputError ||= failed
      if (!module.length) continue
      result = diagnoser!.diagnoseModule(module, context)
    } else {
      const file = input.name
      const payload = await readPayload(io, file)
      if (payload === undefined) {
        inputError = true
        continue
      }
      if (/\.tf$/i.test(file)) {
        io.stderr(`ekm-doctor: ${file}: .tf files are read on this machine only; leave out --api\n`)
        inputError = true
        continue
      }
      try {
        result = diagnoser ? diagnoser.diagnose(payload, context) : await remoteDiagnose(values.api!, payload, context)
      } catch (e) {
        if (!(e instanceof RemoteError)) throw e
        io.stderr(`ekm-doctor: ${e.message}\n`)
        return EXIT.usage
      }
    }
    matched ||= result.matches.length > 0
    const several = inputs.length > 1
    if (values.json) io.stdout(JSON.stringify(several ? { file: input.name, ...result } : result) + '\n')
    else if (values.ticket) io.stdout(ticketMarkdown(result, base('')))
    else io.stdout((several ? `${style.bold(input.name)}\n` : '') + formatDiagnosis(result, base, style))
  }
  if (inputError) return EXIT.usage
  return matched ? EXIT.ok : EXIT.noMatch
}

export async function explain(args: string[], io: Io, style: Style = PLAIN): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
  const query = positionals.join(' ').trim()
  if (!query) throw new UsageError('explain needs a symptom id or an error code, e.g. `ekm-doctor explain DisabledException`')
  const base = (path: string) => siteUrl(io.env, path)
  // A code several symptoms share: its meanings, most likely first, as the site ranks them.
  const shared = Object.entries(CODE_MEANINGS).find(([code]) => normalizeCode(code) === normalizeCode(query))
  if (shared) {
    const [code, meanings] = shared
    const lines = meanings.map((m, i) => `  ${i + 1}. ${m.id} — ${SYMPTOMS.find((s) => s.id === m.id)!.title}
     ${m.tell}
     ${base(`/errors/${m.id}/`)}`)
    io.stdout(`“${code}” has ${meanings.length} meanings, most likely first:
${lines.join('\n')}

All of them: ${base(`/codes/${code}/`)}
Paste the whole error into \`ekm-doctor diagnose\` to decide.
`)
    return EXIT.ok
  }
  const ids = findInIndex(buildCodeIndex(SYMPTOMS, CODE_MEANINGS), query)
  const found = ids.map((id) => SYMPTOMS.find((s) => s.id === id)!)
  if (found.length === 0) {
    const q = query.toLowerCase()
    const near = SYMPTOMS.filter((s) => s.id.includes(q) || s.title.toLowerCase().includes(q)).slice(0, 5)
    io.stderr(`No symptom is known by “${query}”.\n`)
    if (near.length) io.stderr(`Did you mean:\n${near.map((s) => `  ${s.id} — ${s.title}`).join('\n')}\n`)
    else io.stderr('Paste the whole error into `ekm-doctor diagnose` instead.\n')
    return EXIT.noMatch
  }
  const list = (symptoms: typeof found) => symptoms.map((s) => `  ${s.id} — ${s.title}\n    ${base(`/errors/${s.id}/`)}`).join('\n')
  if (found.length > 1 && !isPrimaryFor(found[0], query)) {
    io.stdout(`“${query}” can mean:\n${list(found)}\n`)
    return EXIT.ok
  }
  io.stdout(formatSymptom(found[0], base, style))
  if (found.length > 1) io.stdout(`\n“${query}” is also reported for:\n${list(found.slice(1))}\n`)
  return EXIT.ok
}

export async function check(args: string[], io: Io, style: Style = PLAIN): Promise<number> {
  const [target, ...rest] = args
  if (target === 'aws') return checkAwsCommand(rest, io, style)
  if (target === 'gcp') return checkGcpCommand(rest, io, style)
  if (target === 'azure') return checkAzureCommand(rest, io, style)
  throw new UsageError(target ? `cannot check “${target}”: \`check aws\`, \`check gcp\` and \`check azure\` exist` : 'check needs a target: `ekm-doctor check aws …`, `ekm-doctor check gcp …` or `ekm-doctor check azure …`')
}

function checkOrg(org: string) {
  if (!ORG.test(org)) throw new UsageError(`--org must be the OpenAI organization id (org-…) or project id (proj_…) that registers the key, not “${org}”`)
}

/** The diagnoser as a checklist's error classifier: error text → the symptom it is. */
function errorClassifier() {
  const diagnoser = createDiagnoser(SYMPTOMS, FAMILIES, CODE_MEANINGS)
  return (text: string) => diagnoser.diagnose(text).matches[0]?.id
}

async function checkAwsCommand(args: string[], io: Io, style: Style): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      key: { type: 'string' },
      role: { type: 'string' },
      org: { type: 'string' },
      region: { type: 'string' },
      profile: { type: 'string' },
      roundtrip: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  })
  const { key, role, org } = values
  if (!key || !role || !org) throw new UsageError('check aws needs --key <key-or-alias-ARN>, --role <role-ARN> and --org <org-or-project-id>')
  if (!KEY_ARN.test(key)) throw new UsageError(`--key must be a key or alias ARN (arn:aws:kms:<region>:<account>:key/<id> or …:alias/<name>), not “${key}”; see /errors/aws-kms-invalid-key-id/`)
  if (!ROLE_ARN.test(role)) throw new UsageError(`--role must be a role ARN (arn:aws:iam::<account>:role/<name>), not “${role}”`)
  checkOrg(org)
  const region = values.region ?? KEY_ARN.exec(key)![1]
  const classify = errorClassifier()
  // The AWS SDK is most of the CLI's weight: load it only for this command.
  const { awsApi } = await import('./check-aws/aws.ts')
  const api = awsApi({ region, profile: values.profile })
  const header = `Checking ${key}\n  with role ${role} for ${org} (read-only${values.roundtrip ? ', plus an Encrypt/Decrypt round trip' : ''})`
  try {
    return await runChecklist(io, style, values.json, header, (reporter) => checkAws({ key, role, org, roundtrip: values.roundtrip }, api, reporter, classify))
  } finally {
    api.close()
  }
}

async function checkGcpCommand(rest: string[], io: Io, style: Style): Promise<number> {
  const { values } = parseArgs({
    args: rest,
    options: {
      key: { type: 'string' },
      provider: { type: 'string' },
      org: { type: 'string' },
      'impersonate-service-account': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  const { key, provider, org } = values
  const impersonate = values['impersonate-service-account']
  if (!key || !provider || !org) throw new UsageError('check gcp needs --key <key-resource-name>, --provider <provider-resource-name> and --org <org-or-project-id>')
  if (!KEY_NAME.test(key)) throw new UsageError(`--key must be a key's resource name (projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>), not “${key}”`)
  if (!PROVIDER_NAME.test(provider)) throw new UsageError(`--provider must be a provider's resource name with the project number (projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>), not “${provider}”`)
  checkOrg(org)
  if (impersonate !== undefined && !SERVICE_ACCOUNT.test(impersonate)) throw new UsageError(`--impersonate-service-account must be a service account email (name@project.iam.gserviceaccount.com), not “${impersonate}”`)
  // Google's libraries are most of the CLI's weight: load them only for this command.
  const { gcpApi } = await import('./check-gcp/gcp.ts')
  // EKM_DOCTOR_GCP_ENDPOINT sends every Google call to one local endpoint instead: the tests' fake.
  const api = gcpApi({ project: KEY_NAME.exec(key)![1], impersonate, endpoint: io.env.EKM_DOCTOR_GCP_ENDPOINT })
  const header = `Checking ${key}\n  with ${provider} for ${org} (read-only${impersonate ? `, as ${impersonate}` : ''})`
  try {
    return await runChecklist(io, style, values.json, header, (reporter) => checkGcp({ key, provider, org, impersonate }, api, reporter, errorClassifier()))
  } finally {
    await api.close()
  }
}

async function checkAzureCommand(args: string[], io: Io, style: Style): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      key: { type: 'string' },
      tenant: { type: 'string' },
      org: { type: 'string' },
      subscription: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  const { key, tenant, org, subscription } = values
  if (!key || !tenant || !org) throw new UsageError('check azure needs --key <key-identifier>, --tenant <tenant-id> and --org <org-id>')
  const ref = KEY_URL.exec(key)
  if (!ref) throw new UsageError(`--key must be a Key Vault key identifier (https://<vault>.vault.azure.net/keys/<name>[/<version>]), not “${key}”; see /errors/azure-keyvault-key-not-found/`)
  if (!GUID.test(tenant)) throw new UsageError(`--tenant must be the directory (tenant) ID of the vault's tenant, a GUID, not “${tenant}”; see /errors/azure-tenant-not-found/`)
  if (!ORG.test(org) || !org.startsWith('org-')) throw new UsageError(`--org must be the OpenAI organization id (org-…) that registers the key and starts its name, not “${org}”`)
  if (subscription && !GUID.test(subscription)) throw new UsageError(`--subscription must be a subscription ID (a GUID), not “${subscription}”`)
  const [, vault, name, version] = ref
  // The Azure SDK too is loaded only for its command.
  const { azureApi } = await import('./check-azure/azure.ts')
  const api = azureApi({ tenant, vaultUrl: `https://${vault}.vault.azure.net` })
  const header = `Checking ${key}\n  in tenant ${tenant} for ${org} (read-only)`
  return runChecklist(io, style, values.json, header, (reporter) => checkAzure({ key, vault, name, version, tenant, org, subscription, clientId: io.env.AZURE_CLIENT_ID }, api, reporter, errorClassifier()))
}
