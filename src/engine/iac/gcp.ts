/**
 * Google Cloud resources in Terraform, checked by the same analyzers as gcloud's output: the
 * crypto key's purpose and algorithm, a key version's state, the IAM grants on the key (or its key
 * ring) to OpenAI's federated principal, and the workload identity provider OpenAI's token meets.
 */
import { analyzeIamPolicy, analyzeKey, analyzeKeyVersion, analyzeProvider, OPENAI_SUBJECT } from '../analyze/gcp.ts'
import type { AnalyzeContext, Check } from '../analyze/types.ts'
import type { Value } from '../object-literal.ts'
import { cloudKmsApiChecks } from './gcp-api.ts'
import { note, setting } from './render.ts'
import { firstBlock, isObj, isReference, ofType, onResource, unknownSkip, type IacResource, type IacSet, type Obj } from './resource.ts'


function keyChecks(set: IacSet, key: IacResource): Check[] {
  const v = key.values
  const replaces = note('hcl', "A key's purpose cannot change: applying this replaces the key, so grant and register the new key.")
  if (key.unknown.has('purpose') || isReference(v.purpose)) return [onResource(key)(unknownSkip('check gcp', 'Purpose is ENCRYPT_DECRYPT', `${key.address}.purpose`))]
  // Terraform's default purpose is ENCRYPT_DECRYPT, and the key gets an enabled primary version.
  const purpose = analyzeKey({ purpose: (v.purpose as Value) ?? 'ENCRYPT_DECRYPT', primary: { state: 'ENABLED' } }, {}).filter((c) => c.at === 'purpose')
  const checks = purpose.map((c) => (c.status === 'fail' ? { ...c, fix: `${setting('hcl', 'purpose', 'ENCRYPT_DECRYPT')}\n${replaces}` } : c))
  const algorithm = firstBlock(v.version_template)?.algorithm
  if (typeof algorithm === 'string' && !isReference(algorithm)) {
    for (const c of analyzeKeyVersion({ algorithm, state: 'ENABLED' }, {})) {
      if (c.at === 'algorithm') checks.push({ ...c, at: 'version_template.algorithm', ...(c.status === 'fail' && { fix: `version_template {\n  ${setting('hcl', 'algorithm', 'GOOGLE_SYMMETRIC_ENCRYPTION')}\n}\n${replaces}` }) })
    }
  }
  return checks.map(onResource(key))
}

function versionChecks(version: IacResource): Check[] {
  const state = version.values.state
  if (state === undefined || isReference(state)) return []
  return analyzeKeyVersion({ state, algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION' }, {})
    .filter((c) => c.at === 'state')
    .map((c) => onResource(version)(c.status === 'fail' ? { ...c, fix: setting('hcl', 'state', 'ENABLED') } : c))
}

/** The IAM resources that grant on a key or its key ring. */
const KEY_IAM_TYPES = ['member', 'binding', 'policy'].flatMap((kind) => [`google_kms_crypto_key_iam_${kind}`, `google_kms_key_ring_iam_${kind}`])

/** Bindings from every IAM resource on a key or key ring, in the shape get-iam-policy prints. */
function bindingsOf(set: IacSet): { bindings: Obj[]; unknown: string[]; holders: IacResource[] } {
  const bindings: Obj[] = []
  const unknown: string[] = []
  const holders = ofType(set, ...KEY_IAM_TYPES)
  for (const r of holders) {
    const v = r.values
    const condition = firstBlock(v.condition)
    const withCondition = (b: Obj) => (condition ? { ...b, condition: { expression: condition.expression ?? 'a condition' } } : b)
    const field = r.type.endsWith('_member') ? 'member' : r.type.endsWith('_binding') ? 'members' : 'policy_data'
    if (r.unknown.has(field)) unknown.push(`${r.address}.${field}`)
    else if (r.type.endsWith('_member')) bindings.push(withCondition({ role: v.role ?? '', members: [v.member ?? ''] }))
    else if (r.type.endsWith('_binding')) bindings.push(withCondition({ role: v.role ?? '', members: v.members ?? [] }))
    else if (isReference(v.policy_data)) unknown.push(`${r.address}.policy_data`)
    else {
      try {
        const policy = JSON.parse(String(v.policy_data)) as Value
        if (isObj(policy) && Array.isArray(policy.bindings)) bindings.push(...policy.bindings.filter(isObj))
      } catch {
        unknown.push(`${r.address}.policy_data`)
      }
    }
  }
  return { bindings, unknown, holders }
}

function grantChecks(set: IacSet, key: IacResource, ctx: AnalyzeContext): Check[] {
  const { bindings, unknown, holders } = bindingsOf(set)
  const pool = ofType(set, 'google_iam_workload_identity_pool')[0]
  const project = set.resources.find((r) => r.type === 'data.google_project')
  const where = onResource(holders[0] ?? key)
  if (unknown.length) return [where(unknownSkip('check gcp', "Grants OpenAI's principal the key", unknown.join(', ')))]
  const member = `principal://iam.googleapis.com/projects/${project ? `\${${project.address}.number}` : '<PROJECT_NUMBER>'}/locations/global/workloadIdentityPools/${pool ? `\${${pool.address}.workload_identity_pool_id}` : '<POOL_ID>'}/subject/${OPENAI_SUBJECT}`
  const fix = `resource "google_kms_crypto_key_iam_member" "openai_ekm" {\n  crypto_key_id = ${key.address}.id\n  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"\n  member        = ${JSON.stringify(member)}\n}`
  return analyzeIamPolicy({ bindings }, ctx).map((c) => where(c.status === 'fail' ? { ...c, fix } : c))
}

const PROVIDER_FIELDS: Record<string, (org: string) => string> = {
  state: () => setting('hcl', 'disabled', false),
  disabled: () => setting('hcl', 'disabled', false),
  oidc: (org) => `oidc {\n  issuer_uri        = "https://accounts.google.com"\n  allowed_audiences = [${JSON.stringify(org)}]\n}`,
  'oidc.issuerUri': () => `oidc {\n  issuer_uri = "https://accounts.google.com"\n}`,
  attributeMapping: () => `attribute_mapping = {\n  "google.subject" = "assertion.sub"\n}`,
  attributeCondition: () => setting('hcl', 'attribute_condition', `assertion.sub == "${OPENAI_SUBJECT}"`),
  'oidc.allowedAudiences': (org) => `oidc {\n  allowed_audiences = [${JSON.stringify(org)}]\n}`,
}

function poolChecks(pool: IacResource): Check[] {
  const name = 'Workload identity pool is enabled'
  return [
    onResource(pool)(
      pool.values.disabled === true
        ? { name, status: 'fail', id: 'gcp-sts-provider-invalid', detail: 'The pool is disabled: none of its providers can exchange tokens, OpenAI\'s included.', fix: setting('hcl', 'disabled', false), at: 'disabled' }
        : { name, status: 'pass', detail: 'The pool is not disabled.', at: 'disabled' },
    ),
  ]
}

function providerChecks(provider: IacResource, ctx: AnalyzeContext): Check[] {
  const v = provider.values
  const oidc = firstBlock(v.oidc)
  const doc: Obj = {
    state: 'ACTIVE',
    disabled: v.disabled === true,
    attributeMapping: isObj(v.attribute_mapping) ? v.attribute_mapping : {},
    ...(typeof v.attribute_condition === 'string' && { attributeCondition: v.attribute_condition }),
    ...(oidc && { oidc: { issuerUri: oidc.issuer_uri ?? '', allowedAudiences: oidc.allowed_audiences ?? [] } }),
    ...(firstBlock(v.aws) && { aws: {} }),
    ...(firstBlock(v.saml) && { saml: {} }),
  }
  const org = ctx.org ?? '<your-openai-org-id>'
  return analyzeProvider(doc, ctx).map((c) => onResource(provider)(c.status === 'fail' && c.at && PROVIDER_FIELDS[c.at] ? { ...c, fix: PROVIDER_FIELDS[c.at](org) } : c))
}

export function gcpIacChecks(set: IacSet, ctx: AnalyzeContext): Check[] {
  if (set.dialect !== 'terraform') return []
  const keys = ofType(set, 'google_kms_crypto_key')
  const providers = ofType(set, 'google_iam_workload_identity_pool_provider')
  const checks = [
    ...keys.flatMap((k) => keyChecks(set, k)),
    ...ofType(set, 'google_kms_crypto_key_version').flatMap(versionChecks),
    ...ofType(set, 'google_iam_workload_identity_pool').flatMap(poolChecks),
    ...providers.flatMap((p) => providerChecks(p, ctx)),
    ...cloudKmsApiChecks(set),
  ]
  // Grants are checked where the code is an EKM setup: a key with IAM resources, or with OpenAI's provider.
  if (keys.length === 1 && (providers.length || bindingsOf(set).holders.length)) checks.push(...grantChecks(set, keys[0], ctx))
  return checks
}
