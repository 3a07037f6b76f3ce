/** Resource identifiers in a payload: KMS keys and roles, Cloud KMS keys and WIF pools, Key Vaults. */
import type { Resources } from './types.ts'

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'

type Finder = (text: string, r: Resources) => void

function first(re: RegExp, text: string): RegExpExecArray | null {
  return re.exec(text)
}

const awsKms: Finder = (text, r) => {
  const m = first(/arn:aws[a-z-]{0,10}:kms:([a-z0-9-]{2,30}):(\d{12}):(key|alias)\/([\w\/+=.@-]{1,256})/, text)
  if (!m) return
  if (m[3] === 'key') r.keyArn = m[0].replace(/\.$/, '')
  else r.aliasArn = m[0].replace(/\.$/, '')
  r.region ??= m[1]
  r.account ??= m[2]
}

const awsIam: Finder = (text, r) => {
  const role = first(/arn:aws[a-z-]{0,10}:iam::(\d{12}):role\/[\w+=,.@\/-]{1,512}/, text)
  if (role) {
    r.roleArn = role[0].replace(/\.$/, '')
    r.account ??= role[1]
  }
  const caller = first(/arn:aws[a-z-]{0,10}:sts::\d{12}:assumed-role\/[\w+=,.@-]{1,64}\/[\w+=,.@-]{1,64}/, text)
  if (caller) r.callerArn = caller[0]
  const endpoint = first(/\b(?:kms|sts)[.-](?:fips\.)?([a-z]{2}(?:-gov)?-[a-z]{3,10}-\d)\.amazonaws\.com/, text)
  if (endpoint) r.region ??= endpoint[1]
}

const gcpKms: Finder = (text, r) => {
  const m = first(/projects\/([\w.:-]{4,63})\/locations\/([a-z0-9-]{2,30})\/keyRings\/([\w-]{1,63})(?:\/cryptoKeys\/([\w-]{1,63})(?:\/cryptoKeyVersions\/(\d{1,10}))?)?/, text)
  if (m) {
    r.project = m[1]
    r.location = m[2]
    r.keyRing = m[3]
    if (m[4]) r.key = m[4]
    if (m[5]) r.keyVersion = m[5]
  }
  const wif = first(/projects\/(\d{1,19})\/locations\/global\/workloadIdentityPools\/([\w-]{1,63})(?:\/providers\/([\w-]{1,63}))?/, text)
  if (wif) {
    r.projectNumber = wif[1]
    r.pool = wif[2]
    if (wif[3]) r.wifProvider = wif[3]
  }
  const consumer = first(/\bproject[= ]([a-z][a-z0-9-]{4,28}[a-z0-9]|\d{6,19})\b/, text)
  if (consumer && !r.project) r.project = consumer[1]
}

const azure: Finder = (text, r) => {
  const uri = first(/https:\/\/([A-Za-z0-9-]{3,24})\.vault\.azure\.net(?::443)?\/?(?:keys\/([A-Za-z0-9-]{1,127})(?:\/([0-9a-f]{32}))?)?/, text)
  if (uri) {
    r.vault = uri[1]
    r.vaultUri = `https://${uri[1]}.vault.azure.net/`
    if (uri[2]) r.keyName = uri[2]
  }
  const vault = first(/Vault: ([A-Za-z0-9-]{3,24});location=/, text)
  if (vault) r.vault ??= vault[1]
  const tenant = first(new RegExp(`(?:tenant|directory|sts\\.windows\\.net/|login\\.microsoftonline\\.com/)['\\s]{0,2}(${GUID})`, 'i'), text)
  if (tenant) r.tenant = tenant[1]
  const app = first(new RegExp(`(?:appid=|client application |Application with identifier ')(${GUID})`, 'i'), text)
  if (app) r.appId = app[1]
}

const openai: Finder = (text, r) => {
  const org = first(/\b(org-[A-Za-z0-9]{8,40}|proj_[A-Za-z0-9]{8,40})\b/, text)
  if (org) r.org = org[1]
}

const FINDERS = [awsKms, awsIam, gcpKms, azure, openai]

export function findResources(text: string): Resources {
  const r: Resources = {}
  for (const find of FINDERS) find(text, r)
  return r
}

// Not after a colon: in arn:aws:kms:<region>:… the service is not an action.
const AWS_ACTION = '(?<!:)\\b(?:kms|sts|iam|s3|secretsmanager|ssm|lambda|dynamodb|sns|sqs|ec2|logs):(?:[A-Z][A-Za-z]{2,60}|\\*)'
// service.collection.verb, the collection plural (cryptoKeyVersions, serviceAccounts). Not a host:
// iam.gserviceaccount.com names no permission; nor a log module such as Vault's storage.raft.fsm.
const GCP_PERMISSION = '\\b(?:cloudkms|iam|serviceusage|storage|resourcemanager|secretmanager)\\.(?!gserviceaccount\\.|googleapis\\.)[a-zA-Z]{1,40}s\\.[a-zA-Z]{2,40}'
const AZURE_ACTION = '\\bMicrosoft\\.[A-Za-z]{2,40}(?:/[\\w.-]{1,60}){1,8}/(?:action|read|write|delete)'
const PERMISSION = new RegExp(`${AWS_ACTION}|${GCP_PERMISSION}|${AZURE_ACTION}`)
/** Where an error states the permission it checked, it follows one of these words. */
const STATED = new RegExp(`(?:perform:? |[Pp]ermission ['‘"]?|action ['‘"]?)(${AWS_ACTION}|${GCP_PERMISSION}|${AZURE_ACTION})`)

/** The IAM action or permission the error names: the one it says it checked, else the first one. */
export function findPermission(text: string): string | undefined {
  return (STATED.exec(text)?.[1] ?? PERMISSION.exec(text)?.[0])
}
