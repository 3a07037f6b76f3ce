/**
 * Google Cloud documents as `gcloud … --format=json` prints them: a workload identity pool provider
 * (`gcloud iam workload-identity-pools providers describe`), a key (`gcloud kms keys describe`), a key
 * version (`gcloud kms keys versions describe`) and an IAM policy (`gcloud kms keys get-iam-policy`).
 * gcloud's default YAML output is not recognised (the engine has no YAML parser): ask for --format=json.
 */
import type { Value } from '../object-literal.ts'
import { isObj, type Obj } from './iam.ts'
import { fail, isReference, ORG_ID, pass, skip, text } from './checks.ts'
import type { Analysis, AnalyzeContext, Check } from './types.ts'

/** The `sub` (and `azp`) of the Google ID token OpenAI presents. */
export const OPENAI_SUBJECT = '105900137572174660365'
const ISSUER = 'https://accounts.google.com'
const CONDITION = `--attribute-condition='assertion.sub == "${OPENAI_SUBJECT}"'`
const ENCRYPT = 'cloudkms.cryptoKeyVersions.useToEncrypt'
const DECRYPT = 'cloudkms.cryptoKeyVersions.useToDecrypt'
/** Predefined roles whose crypto permissions are known; any other role's permissions are not visible here. */
const ROLES: Record<string, string[]> = {
  'roles/cloudkms.cryptoKeyEncrypterDecrypter': [ENCRYPT, DECRYPT],
  'roles/cloudkms.cryptoKeyEncrypter': [ENCRYPT],
  'roles/cloudkms.cryptoKeyDecrypter': [DECRYPT],
  'roles/cloudkms.admin': [],
}

const PROVIDER = /^(?:\/\/iam\.googleapis\.com\/)?projects\/([^/]+)\/locations\/([^/]+)\/workloadIdentityPools\/([^/]+)\/providers\/([^/]+)$/
const KEY = /^(?:\/\/cloudkms\.googleapis\.com\/)?projects\/([^/]+)\/locations\/([^/]+)\/keyRings\/([^/]+)\/cryptoKeys\/([^/]+)(?:\/cryptoKeyVersions\/([^/]+))?$/
const MEMBER = /^(principal|principalSet):\/\/iam\.googleapis\.com\/projects\/([^/]+)\/locations\/global\/workloadIdentityPools\/([^/]+)\/(.+)$/

/** Cloud KMS's enums by number, as client libraries print them with enums as numbers (google.cloud.kms.v1 resources.proto). */
const PURPOSES = ['CRYPTO_KEY_PURPOSE_UNSPECIFIED', 'ENCRYPT_DECRYPT', , , , 'ASYMMETRIC_SIGN', 'ASYMMETRIC_DECRYPT', 'RAW_ENCRYPT_DECRYPT']
const VERSION_STATES = ['CRYPTO_KEY_VERSION_STATE_UNSPECIFIED', 'ENABLED', 'DISABLED', 'DESTROYED', 'DESTROY_SCHEDULED', 'PENDING_GENERATION', 'PENDING_IMPORT', 'IMPORT_FAILED', 'GENERATION_FAILED']
const enumName = (v: Value | undefined, names: (string | undefined)[]) => (typeof v === 'number' ? (names[v] ?? String(v)) : text(v))

const strings = (v: Value | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])

interface KeyName {
  project: string
  location: string
  ring: string
  key: string
  version?: string
}

function keyName(name: string | undefined): KeyName | undefined {
  const m = KEY.exec(name ?? '')
  return m ? { project: m[1], location: m[2], ring: m[3], key: m[4], version: m[5] } : undefined
}

const keyFlags = (k: KeyName | undefined) => (k ? `--keyring=${k.ring} --location=${k.location} --project=${k.project}` : '--keyring=<KEY_RING> --location=<LOCATION>')
const versionFlags = (k: KeyName | undefined) => `--key=${k?.key ?? '<KEY>'} ${keyFlags(k)}`

export function analyzeProvider(p: Obj, ctx: AnalyzeContext): Check[] {
  const name = text(p.name)
  const parts = PROVIDER.exec(name ?? '')
  const target = name ?? '<PROVIDER_ID> --workload-identity-pool=<POOL_ID> --location=global'
  const update = (flag: string) => `gcloud iam workload-identity-pools providers update-oidc ${target} ${flag}`
  const oidc = isObj(p.oidc) ? p.oidc : undefined
  const org = ctx.org ?? '<your-openai-org-id>'
  const checks: Check[] = []
  if (parts) {
    checks.push(pass('Registration values noted', `Register workload_identity_project_number ${parts[1]}, workload_identity_pool_id ${parts[3]} and workload_identity_provider_id ${parts[4]}: OpenAI builds the STS audience //iam.googleapis.com/${name} from them, and any other value (a project ID instead of the number, another pool or provider) fails with Invalid value for "audience".`, 'name'))
  }

  const stateName = 'Provider is active and enabled'
  if (p.state === 'DELETED') checks.push(fail(stateName, 'gcp-sts-provider-invalid', `The provider is deleted${text(p.expireTime) ? ` (purged after ${p.expireTime})` : ''}; a deleted provider cannot exchange tokens.`, `gcloud iam workload-identity-pools providers undelete ${target}`, 'state'))
  else if (p.disabled === true) checks.push(fail(stateName, 'gcp-sts-provider-invalid', 'The provider is disabled: a disabled provider cannot be used to exchange tokens.', `${update('--no-disabled')} (or enable it in the console, IAM & Admin > Workload Identity Federation)`, 'disabled'))
  else if (p.state !== undefined && p.state !== 'ACTIVE') checks.push(fail(stateName, 'gcp-sts-provider-invalid', `state is ${JSON.stringify(p.state)}; only an ACTIVE provider exchanges tokens.`, `gcloud iam workload-identity-pools providers describe ${target}`, 'state'))
  else checks.push(pass(stateName, `The provider is ${p.state ?? 'not shown as deleted'} and not disabled (the pool has its own disabled flag: gcloud iam workload-identity-pools describe).`, 'state'))

  const issuer = text(oidc?.issuerUri)
  const issuerName = `Issuer is ${ISSUER}`
  if (!oidc) {
    const create = createProviderCommand(parts?.[4] ?? '<PROVIDER_ID>', parts?.[3] ?? '<POOL_ID>', org)
    checks.push(fail(issuerName, 'gcp-sts-provider-invalid', `This is not an OIDC provider (${p.aws ? 'it is an AWS provider' : p.saml ? 'it is a SAML provider' : 'there is no oidc block'}). OpenAI presents a Google ID token, which needs an OIDC provider with issuer ${ISSUER}.`, create, 'oidc'))
  } else if (issuer === ISSUER) checks.push(pass(issuerName, `oidc.issuerUri is ${ISSUER}.`, 'oidc.issuerUri'))
  else checks.push(fail(issuerName, 'gcp-sts-provider-invalid', `oidc.issuerUri is ${issuer ?? 'missing'}; OpenAI's ID tokens are issued by ${ISSUER}, and a wrong issuer fails the exchange (typically "Error connecting to the given credential's issuer").`, update(`--issuer-uri=${ISSUER}`), 'oidc.issuerUri'))

  const mapping = isObj(p.attributeMapping) ? p.attributeMapping : {}
  const subject = text(mapping['google.subject'])
  checks.push(
    subject?.replace(/\s+/g, '') === 'assertion.sub'
      ? pass('Maps google.subject to assertion.sub', 'attributeMapping maps google.subject to assertion.sub.', 'attributeMapping')
      : fail('Maps google.subject to assertion.sub', 'gcp-sts-provider-invalid', `attributeMapping ${subject ? `maps google.subject to ${subject}` : 'has no google.subject'}. The key grant names …/subject/${OPENAI_SUBJECT}, which matches only when google.subject is the token's sub claim.`, update('--attribute-mapping=google.subject=assertion.sub'), 'attributeMapping'),
  )

  const condName = "Attribute condition admits OpenAI's subject"
  const cond = text(p.attributeCondition)?.trim()
  const norm = cond?.replace(/\s+/g, '').replace(/'/g, '"').replace(/^\((.*)\)$/, '$1')
  const documented = ['assertion.sub', 'google.subject'].flatMap((a) => [`${a}=="${OPENAI_SUBJECT}"`, `"${OPENAI_SUBJECT}"==${a}`])
  if (!cond || norm === 'true') {
    checks.push(skip(condName, `${cond ? 'The attribute condition is true' : 'There is no attribute condition'}: Google then accepts every valid credential from the issuer, so OpenAI's token is not rejected, but neither is any other Google-issued token with your audience. OpenAI's setup restricts it: ${update(CONDITION)}`))
  } else if (documented.includes(norm!)) checks.push(pass(condName, `attributeCondition is ${cond}, which admits only OpenAI's subject.`, 'attributeCondition'))
  else if (isReference(cond)) checks.push(skip(condName, `attributeCondition is ${cond}, filled in when the code is applied; it must admit OpenAI's subject ${OPENAI_SUBJECT}.`, 'attributeCondition'))
  else if (otherClaim(norm!)) checks.push(fail(condName, 'gcp-sts-attribute-condition-rejected', `attributeCondition is ${cond}: it compares ${otherClaim(norm!)} with OpenAI's subject ${OPENAI_SUBJECT}, but only the token's sub (and azp) carry that value, so OpenAI's token is rejected: "The given credential is rejected by the attribute condition."`, update(CONDITION), 'attributeCondition'))
  else if (cond.includes(OPENAI_SUBJECT)) checks.push(skip(condName, `attributeCondition is ${cond}. It names OpenAI's subject but is not the documented condition, and CEL is not evaluated here: it must be true for OpenAI's token (sub and azp ${OPENAI_SUBJECT}, iss ${ISSUER}, aud your org id).`))
  else checks.push(fail(condName, 'gcp-sts-attribute-condition-rejected', `attributeCondition is ${cond}, which does not name OpenAI's subject ${OPENAI_SUBJECT}. Unless it is true for OpenAI's token (claims sub, azp, iss, aud), Google rejects the exchange: "The given credential is rejected by the attribute condition."`, update(CONDITION), 'attributeCondition'))

  const audName = 'Allowed audiences include your OpenAI org id'
  const audiences = strings(oidc?.allowedAudiences)
  const audFix = update(`--allowed-audiences=${[...new Set([...audiences, org])].join(',')}`)
  if (!oidc) checks.push(skip(audName, 'There is no OIDC configuration to check.'))
  else if (!audiences.length) {
    checks.push(fail(audName, 'gcp-sts-audience-mismatch', `oidc.allowedAudiences is empty. Google then accepts only tokens whose aud is the provider's full resource name (//iam.googleapis.com/${name ?? 'projects/…/providers/…'}), but OpenAI's token carries your OpenAI org id (or project id) as aud, so the exchange fails with "does not match the expected audience".`, update(`--allowed-audiences=${org}`), 'oidc.allowedAudiences'))
  } else if (ctx.org) {
    checks.push(
      audiences.includes(ctx.org)
        ? pass(audName, `oidc.allowedAudiences includes ${ctx.org}.`, 'oidc.allowedAudiences')
        : fail(audName, 'gcp-sts-audience-mismatch', `oidc.allowedAudiences is ${audiences.join(', ')}, not ${ctx.org}, the id OpenAI puts in the token's aud (a personal org id is a common mix-up).`, audFix, 'oidc.allowedAudiences'),
    )
  } else if (audiences.some(isReference) && !audiences.some((a) => ORG_ID.test(a))) {
    checks.push(skip(audName, `oidc.allowedAudiences is ${audiences.join(', ')}, filled in when the code is applied; it must include the org id that registers the key.`, 'oidc.allowedAudiences'))
  } else if (!audiences.some((a) => ORG_ID.test(a))) {
    checks.push(fail(audName, 'gcp-sts-audience-mismatch', `oidc.allowedAudiences is ${audiences.join(', ')}: no OpenAI org id (org-…) or project id (proj_…), which is what OpenAI's token carries as aud.`, audFix, 'oidc.allowedAudiences'))
  } else checks.push(skip(audName, `oidc.allowedAudiences is ${audiences.join(', ')}; give the org id that registers the key (context "org", or --org) to check it is the same one.`))
  return checks
}

/** A single comparison of another claim than sub or azp with OpenAI's subject: assertion.aud == "1059…". */
function otherClaim(norm: string): string | undefined {
  const m = new RegExp(`^(?:assertion\\.(\\w+)=="${OPENAI_SUBJECT}"|"${OPENAI_SUBJECT}"==assertion\\.(\\w+))$`).exec(norm)
  const claim = m?.[1] ?? m?.[2]
  return claim && claim !== 'sub' && claim !== 'azp' ? `assertion.${claim}` : undefined
}

/** State of a key version: the primary inside `keys describe`, or a `versions describe` output. */
function versionState(v: Obj, label: string, at: string, key: KeyName | undefined): Check {
  const name = `${label} is ENABLED`
  const state = enumName(v.state, VERSION_STATES)
  const k = keyName(text(v.name)) ?? key
  const ver = `${k?.version ?? '<VERSION>'} ${versionFlags(k)}`
  const bad = (why: string, cmd: string) => fail(name, 'gcp-kms-key-version-not-enabled', why, cmd, at)
  switch (state) {
    case 'ENABLED':
      return pass(name, `${label}${k?.version ? ` ${k.version}` : ''} is ENABLED.`, at)
    case 'DISABLED':
      return bad(`${label} is DISABLED. For OpenAI that is a revocation: Encrypt and Decrypt fail with FAILED_PRECONDITION "is not enabled, current state is: DISABLED".`, `gcloud kms keys versions enable ${ver}`)
    case 'DESTROY_SCHEDULED':
      return bad(`${label} is scheduled for destruction${text(v.destroyTime) ? ` at ${v.destroyTime}` : ''} and cannot be used. It can be restored until then; restoring leaves it DISABLED, so enable it afterwards.`, `gcloud kms keys versions restore ${ver} && gcloud kms keys versions enable ${ver}`)
    case 'DESTROYED':
      return bad(`${label} is DESTROYED: its key material is gone, and data encrypted with it cannot be decrypted.`, `A destroyed version cannot be restored. For new data, create a version and make it primary: gcloud kms keys versions create ${versionFlags(k)} --primary`)
    default:
      return bad(`state is ${state ?? 'missing'}; only an ENABLED version can encrypt and decrypt.`, state === 'IMPORT_FAILED' ? 'Import the key material again (gcloud kms keys versions import).' : `Wait for the version to become ENABLED: gcloud kms keys versions describe ${ver}`)
  }
}

/** Is this output for the key the org registered (ctx.key: projects/…/locations/…/keyRings/…/cryptoKeys/…)? */
function sameKey(have: KeyName | undefined, registered: string, at: string): Check {
  const name = 'Output is for the registered key'
  const want = keyName(registered)
  if (!want || !have) return skip(name, want ? 'This output has no key name to compare.' : `${registered} is not a key resource name (projects/…/locations/…/keyRings/…/cryptoKeys/…), so it cannot be compared.`)
  const fields = { project: 'kms_project_id', location: 'kms_key_location', ring: 'kms_key_ring_name', key: 'kms_key_name' } as const
  const diffs = (Object.keys(fields) as (keyof typeof fields)[]).filter((f) => have[f] !== want[f])
  if (!diffs.length) return pass(name, `This is ${want.key} in key ring ${want.ring}, ${want.location}, project ${want.project}.`, at)
  if (diffs.length === 1 && diffs[0] === 'project' && /^\d+$/.test(have.project) !== /^\d+$/.test(want.project)) {
    return skip(name, `One name gives the project as a number (${/^\d+$/.test(have.project) ? have.project : want.project}) and the other as an ID, so they cannot be compared here; the rest matches.`)
  }
  const list = diffs.map((f) => `${fields[f]} is ${want[f]}, this key's is ${have[f]}`).join('; ')
  return fail(name, 'gcp-kms-not-found', `This output is for another key than the registered one: ${list}. The registration's kms_* fields must name the key exactly.`, `Fix the registration, or describe the registered key: gcloud kms keys describe ${want.key} ${keyFlags(want)}`, at)
}

export function analyzeKey(k: Obj, ctx: AnalyzeContext): Check[] {
  const key = keyName(text(k.name))
  const purpose = enumName(k.purpose, PURPOSES)
  const checks: Check[] = []
  checks.push(
    purpose === 'ENCRYPT_DECRYPT'
      ? pass('Purpose is ENCRYPT_DECRYPT', 'The key is a symmetric encrypt/decrypt key.', 'purpose')
      : fail('Purpose is ENCRYPT_DECRYPT', 'gcp-kms-wrong-key-purpose', `purpose is ${purpose ?? 'missing'}; OpenAI needs a "Symmetric encrypt/decrypt" key (ENCRYPT_DECRYPT), and a key's purpose cannot be changed.`, `Create a new key, grant it to OpenAI's principal and register it: gcloud kms keys create <KEY_NAME> ${keyFlags(key)} --purpose=encryption`, 'purpose'),
  )
  if (isObj(k.primary)) checks.push(versionState(k.primary, 'Primary version', 'primary.state', key))
  else if (purpose === 'ENCRYPT_DECRYPT') {
    checks.push(fail('Primary version is ENABLED', 'gcp-kms-key-version-not-enabled', 'The key has no primary version, so Encrypt has no version to use.', `gcloud kms keys versions create ${versionFlags(key)} --primary`, 'primary'))
  }
  if (ctx.key) checks.push(sameKey(key, ctx.key, 'name'))
  return checks
}

export function analyzeKeyVersion(v: Obj, ctx: AnalyzeContext): Check[] {
  const key = keyName(text(v.name))
  const algorithm = text(v.algorithm)
  const algName = 'Version is a symmetric encryption version'
  const checks: Check[] = [
    !algorithm
      ? skip(algName, 'The output shows no algorithm.')
      : algorithm === 'GOOGLE_SYMMETRIC_ENCRYPTION' || algorithm === 'EXTERNAL_SYMMETRIC_ENCRYPTION'
        ? pass(algName, `algorithm is ${algorithm}.`, 'algorithm')
        : fail(algName, 'gcp-kms-wrong-key-purpose', `algorithm is ${algorithm}, which belongs to a key whose purpose is not ENCRYPT_DECRYPT; OpenAI needs a "Symmetric encrypt/decrypt" key.`, `Create a new key, grant it to OpenAI's principal and register it: gcloud kms keys create <KEY_NAME> ${keyFlags(key)} --purpose=encryption`, 'algorithm'),
    versionState(v, 'Key version', 'state', key),
  ]
  if (ctx.key) checks.push(sameKey(key, ctx.key, 'name'))
  return checks
}

/** What one IAM member grants OpenAI: yes, no, or maybe (depends on what is not visible here). */
function memberVerdict(member: string): { grants: 'yes' | 'no' | 'maybe'; note?: string } {
  const m = MEMBER.exec(member)
  if (!m) {
    if (member === 'allUsers' || member === 'allAuthenticatedUsers') return { grants: 'maybe', note: `${member} is not OpenAI's principal, and whether it covers federated identities is not checked here` }
    return { grants: 'no' }
  }
  const [, kind, project, pool, rest] = m
  // Infrastructure code gives the number as a reference: ${data.google_project.this.number}.
  if (!/^\d+$/.test(project) && !/\.number\}$/.test(project)) return { grants: 'no', note: `${member} names the project by ID (${project}); workload identity principals need the project number, so it matches no one` }
  if (kind === 'principal') {
    const subject = rest.replace(/^subject\//, '')
    return subject === OPENAI_SUBJECT ? { grants: 'yes' } : { grants: 'no', note: `${member} names subject ${subject}, not OpenAI's ${OPENAI_SUBJECT}` }
  }
  if (rest === '*') return { grants: 'yes', note: `${member} grants every identity in pool ${pool}, OpenAI's included; OpenAI's setup names only its subject` }
  const [what, value] = [rest.slice(0, rest.indexOf('/')), rest.slice(rest.indexOf('/') + 1)]
  const set = what === 'group' ? `the identities in group ${value}` : `the identities whose ${what} is ${value}`
  return { grants: 'maybe', note: `${member} grants ${set}; OpenAI's documented mapping sets only google.subject, so it includes OpenAI only if the provider maps that for OpenAI's token` }
}

function grantCheck(bindings: Obj[], permission: string, ctx: AnalyzeContext): Check {
  const name = `Grants ${permission} to OpenAI's principal`
  const notes = new Set<string>()
  let maybe: string | undefined
  let number: string | undefined
  let pool: string | undefined
  for (const [i, b] of bindings.entries()) {
    const role = text(b.role) ?? '(no role)'
    const known = Object.hasOwn(ROLES, role) ? ROLES[role] : undefined
    if (known && !known.includes(permission)) continue
    const condition = isObj(b.condition) ? text(b.condition.expression) ?? 'a condition' : undefined
    for (const member of strings(b.members)) {
      const m = MEMBER.exec(member)
      if (m && /^\d+$/.test(m[2])) number ??= m[2]
      if (m) pool ??= m[3]
      const v = memberVerdict(member)
      if (v.note) notes.add(v.note)
      if (v.grants === 'no') continue
      if (v.grants === 'yes' && known && !condition) return pass(name, `bindings[${i}] grants ${role} to ${member}${v.note ? ` (${v.note})` : ''}.`, `bindings[${i}]`)
      const why = [!known && `${role} is a custom or unlisted role whose permissions are not visible here (gcloud iam roles describe ${role})`, condition && `the binding applies only when its condition holds (${condition})`, v.grants === 'maybe' && v.note]
      maybe ??= `bindings[${i}]: ${why.filter(Boolean).join('; ')}`
    }
  }
  const others = [...notes].filter((n) => !maybe?.includes(n))
  if (maybe) return skip(name, `No binding certainly grants ${permission} to OpenAI's principal. ${maybe}.${others.length ? ` Also: ${others.join('; ')}.` : ''}`)
  return fail(
    name,
    'gcp-kms-permission-denied',
    `No binding grants ${permission} to principal://…/subject/${OPENAI_SUBJECT}${notes.size ? ` (${[...notes].join('; ')})` : ''}. Unless it is granted on the key ring or project instead, OpenAI's calls fail with PERMISSION_DENIED.`,
    grantKeyCommand(ctx.key, number, pool),
    'bindings',
  )
}

/** The command that grants OpenAI's principal (in pool `pool` of project `number`) the role on the key. */
export function grantKeyCommand(key: string | undefined, number = '<PROJECT_NUMBER>', pool = '<POOL_ID>'): string {
  const k = keyName(key)
  const principal = `principal://iam.googleapis.com/projects/${number}/locations/global/workloadIdentityPools/${pool}/subject/${OPENAI_SUBJECT}`
  return `gcloud kms keys add-iam-policy-binding ${k?.key ?? '<KEY_NAME>'} ${keyFlags(k)} --member='${principal}' --role=roles/cloudkms.cryptoKeyEncrypterDecrypter`
}

/** The command that creates the OIDC provider OpenAI's setup describes. */
export function createProviderCommand(provider: string, pool: string, org: string, project?: string): string {
  return `gcloud iam workload-identity-pools providers create-oidc ${provider} --workload-identity-pool=${pool} --location=global${project ? ` --project=${project}` : ''} --issuer-uri=${ISSUER} --allowed-audiences=${org} --attribute-mapping=google.subject=assertion.sub ${CONDITION}`
}

export function analyzeIamPolicy(policy: Obj, ctx: AnalyzeContext): Check[] {
  const bindings = Array.isArray(policy.bindings) ? policy.bindings.filter(isObj) : []
  return [grantCheck(bindings, ENCRYPT, ctx), grantCheck(bindings, DECRYPT, ctx)]
}

const POLICY_FIELDS = ['bindings', 'etag', 'version', 'auditConfigs']

/** Which Google Cloud document this is, if any, and its analysis. */
export function analyzeGcp(value: Value, ctx: AnalyzeContext): Analysis | null {
  if (!isObj(value)) return null
  const name = text(value.name) ?? ''
  if (PROVIDER.test(name) || (isObj(value.oidc) && value.attributeMapping !== undefined)) {
    return { document: 'gcp-wif-provider', title: 'gcloud iam workload-identity-pools providers describe output', checks: analyzeProvider(value, ctx) }
  }
  const key = keyName(name)
  if (key?.version || (!key && (typeof value.state === 'string' || typeof value.state === 'number') && typeof value.algorithm === 'string' && value.protectionLevel !== undefined)) {
    return { document: 'gcp-kms-key-version', title: 'gcloud kms keys versions describe output', checks: analyzeKeyVersion(value, ctx) }
  }
  if (key || ((typeof value.purpose === 'string' || typeof value.purpose === 'number') && (isObj(value.primary) || isObj(value.versionTemplate)))) {
    return { document: 'gcp-kms-key', title: 'gcloud kms keys describe output', checks: analyzeKey(value, ctx) }
  }
  const bindings = Array.isArray(value.bindings) ? value.bindings : undefined
  const policyShaped = Object.keys(value).every((k) => POLICY_FIELDS.includes(k)) && (bindings !== undefined || typeof value.etag === 'string')
  if (policyShaped && (!bindings?.length || bindings.some((b) => isObj(b) && typeof b.role === 'string' && Array.isArray(b.members)))) {
    return { document: 'gcp-iam-policy', title: 'IAM policy (gcloud kms keys get-iam-policy output)', checks: analyzeIamPolicy(value, ctx) }
  }
  return null
}
