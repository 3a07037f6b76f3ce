/**
 * `ekm-doctor check gcp`: the live checklist. Each step reads one thing from Google Cloud and runs
 * the same analyzers as a pasted `gcloud … --format=json` output; a step that cannot read says which
 * permission it needs, and the rest go on.
 */
import { analyzeIamPolicy, analyzeKey, analyzeProvider, createProviderCommand, grantKeyCommand, OPENAI_SUBJECT } from '../../engine/analyze/gcp.ts'
import { isObj, type Obj } from '../../engine/analyze/iam.ts'
import { checklist, type CheckLine, type Classifier, type Reporter } from '../check/checklist.ts'
import { classify, type GoogleFailure } from './failure.ts'
import type { GcpApi, Json } from './gcp.ts'

export interface CheckGcpOptions {
  key: string
  provider: string
  org: string
  impersonate?: string
}

export const KEY_NAME = /^projects\/([a-z][a-z0-9.:-]{4,61}[a-z0-9]|\d{1,19})\/locations\/([a-z0-9-]+)\/keyRings\/([\w-]{1,63})\/cryptoKeys\/([\w-]{1,63})$/
// Workload identity pools live only in `global`, and OpenAI's registration and principal name the project by number.
export const PROVIDER_NAME = /^projects\/(\d{1,19})\/locations\/global\/workloadIdentityPools\/([a-z0-9-]{4,32})\/providers\/([a-z0-9-]{4,32})$/
export const SERVICE_ACCOUNT = /^[^@\s]+@[a-z0-9.-]+\.gserviceaccount\.com$/
export { ORG_ID as ORG } from '../../engine/analyze/checks.ts'

const CREDENTIALS = 'Credentials work'
const KMS_API = "Cloud KMS API is enabled in the key's project"
const KEY = 'Key resolves'
const KEY_POLICY = "Key's IAM policy grants OpenAI's principal"
const POOL = 'Workload identity pool is active and enabled'
const PROVIDER = "Provider accepts OpenAI's Google ID token"
const WIF_API = 'Cloud KMS API is enabled in the workload identity project'
const CRYPTO_ROLES = /^(?:roles\/cloudkms\.cryptoKey(?:EncrypterDecrypter|Encrypter|Decrypter)|projects\/.+|organizations\/.+)$/

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
const days = (duration: unknown) => (typeof duration === 'string' ? Math.round(parseInt(duration, 10) / 86400) : undefined)

export async function checkGcp(o: CheckGcpOptions, api: GcpApi, report: Reporter, classifyError: Classifier): Promise<CheckLine[]> {
  const { lines, emit, fromCheck, skipRest, step } = checklist(report, classify)
  const [, project, location, ring, keyId] = KEY_NAME.exec(o.key)!
  const [, number, poolId, providerId] = PROVIDER_NAME.exec(o.provider)!
  const poolName = o.provider.replace(/\/providers\/[^/]+$/, '')
  const grant = grantKeyCommand(o.key, number, poolId)
  const principal = `principal://iam.googleapis.com/projects/${number}/locations/global/workloadIdentityPools/${poolId}/subject/${OPENAI_SUBJECT}`

  /** A read that could not be made: a fail with its symptom when the error is one, else "could not check". */
  const failedCall = (name: string, f: GoogleFailure, permission: string): CheckLine => {
    if (f.kind === 'denied') {
      const missing = /\(or it may not exist\)/.test(f.message) ? ', or what it reads does not exist (Google answers both the same way: "or it may not exist")' : ''
      return { name, status: 'skip', detail: `Could not check: your credentials lack ${f.metadata?.permission ?? permission}${missing}.` }
    }
    if (f.kind === 'throttled') return { name, status: 'skip', detail: `Could not check: Google Cloud throttled the request (${f.status}) after 3 attempts. Run the check again in a minute.` }
    if (f.kind === 'network') return { name, status: 'skip', detail: `Could not check: Google Cloud could not be reached (${f.status}: ${f.message}).` }
    // Your own calls are counted against your quota project: an API off there is not a fault of the setup.
    if (f.kind === 'service-disabled') return { name, status: 'skip', detail: `Could not check: ${f.message}` }
    const id = classifyError(`${f.status}: ${f.message}`)
    return id ? { name, status: 'fail', id, detail: `${f.status}: ${f.message}` } : { name, status: 'skip', detail: `Could not check: ${f.status}: ${f.message}` }
  }

  // 1. Credentials
  const who = await step(CREDENTIALS, () => api.credentials())
  if (!who.ok) {
    const f = who.failure
    const login = 'gcloud auth application-default login'
    if (f.kind === 'network') emit({ name: CREDENTIALS, status: 'skip', detail: `Could not reach Google's token endpoint (${f.status}: ${f.message}). Check the network or a proxy.` })
    else if (f.kind === 'no-credentials') emit({ name: CREDENTIALS, status: 'fail', id: 'gcp-credentials-invalid', detail: f.message, fix: login })
    else if (f.kind === 'impersonation') {
      const member = api.member() ?? 'user:<your-email>'
      emit({ name: CREDENTIALS, status: 'fail', id: 'gcp-impersonation-denied', detail: `Your credentials may not impersonate ${o.impersonate} (${f.status}: ${f.message}). They need roles/iam.serviceAccountTokenCreator on that service account.`, fix: `gcloud iam service-accounts add-iam-policy-binding ${o.impersonate} --member=${member} --role=roles/iam.serviceAccountTokenCreator` })
    } else emit({ name: CREDENTIALS, status: 'fail', id: 'gcp-credentials-invalid', detail: `Google refused your application default credentials (${f.status}: ${f.message}). Log in again and run the check again.`, fix: login })
    skipRest([KMS_API, KEY, KEY_POLICY, POOL, PROVIDER, WIF_API], 'the credentials do not work.')
    return lines
  }
  emit({ name: CREDENTIALS, status: 'pass', detail: `Reading as ${who.value.identity} (from ${who.value.source}).` })

  // 2. The Cloud KMS API, where the key lives (and, in step 7, where the pool lives)
  const enabled = async (name: string, p: string): Promise<string | undefined> => {
    const service = await step(name, () => api.kmsService(p))
    if (!service.ok) {
      emit(failedCall(name, service.failure, `serviceusage.services.get on project ${p}`))
      return undefined
    }
    const parent = typeof service.value.parent === 'string' ? service.value.parent : `projects/${p}`
    if (service.value.state === 'ENABLED') emit({ name, status: 'pass', detail: `cloudkms.googleapis.com is ENABLED in project ${p} (${parent}).` })
    else emit({ name, status: 'fail', id: 'gcp-kms-api-disabled', detail: `cloudkms.googleapis.com is ${service.value.state ?? 'not enabled'} in project ${p} (${parent}); OpenAI's Encrypt and Decrypt calls fail with SERVICE_DISABLED until it is enabled.`, fix: `gcloud services enable cloudkms.googleapis.com --project=${p}` })
    return parent
  }
  const kmsParent = await enabled(KMS_API, project)

  // 3. The key: purpose and primary version, through the same analyzer as `gcloud kms keys describe`
  const key = await step(KEY, () => api.cryptoKey(o.key))
  const missing = !key.ok && key.failure.kind === 'not-found'
  if (!key.ok) {
    const f = key.failure
    if (missing) emit({ name: KEY, status: 'fail', id: 'gcp-kms-not-found', detail: `${f.status}: ${f.message}`, fix: `gcloud kms keys list --keyring=${ring} --location=${location} --project=${project}` })
    else emit(failedCall(KEY, f, 'cloudkms.cryptoKeys.get on the key'))
  } else {
    const k = key.value
    const primary = isObj(k.primary) ? k.primary : {}
    const template = isObj(k.versionTemplate) ? k.versionTemplate : {}
    const every = days(k.rotationPeriod)
    const rotation = every ? `rotated every ${every} days${typeof k.nextRotationTime === 'string' ? ` (next ${k.nextRotationTime})` : ''}; rotation does not change OpenAI's access` : 'no automatic rotation'
    const protection = primary.protectionLevel ?? template.protectionLevel ?? 'not shown'
    emit({ name: KEY, status: 'pass', detail: `${o.key}: protection level ${protection}, ${rotation}. Register kms_project_id ${project}, kms_key_location ${location}, kms_key_ring_name ${ring} and kms_key_name ${keyId}.` })
    for (const c of analyzeKey(k, { org: o.org })) emit(fromCheck(c))
  }

  // 4. The key's IAM policy: OpenAI's principal, in the pool --provider names, holds the role
  const policy = missing ? undefined : await step(KEY_POLICY, () => api.keyIamPolicy(o.key))
  if (!policy) skipRest([KEY_POLICY], 'the key does not exist.')
  else if (!policy.ok) emit(failedCall(KEY_POLICY, policy.failure, 'cloudkms.cryptoKeys.getIamPolicy on the key'))
  else {
    const { policy: ours, elsewhere } = ownPool(policy.value, number, poolId)
    const checks = analyzeIamPolicy(ours, { key: o.key })
    const note = elsewhere.length ? ` Members of another pool than ${poolName} do not count: ${elsewhere.join(', ')}.` : ''
    for (const c of checks) emit(fromCheck({ ...c, detail: c.status === 'pass' ? c.detail : c.detail + note }, (f) => (f.id === 'gcp-kms-permission-denied' ? grant : f.fix)))
    const sa = checks.some((c) => c.status !== 'pass') ? serviceAccountWithRole(ours) : undefined
    if (sa) await viaServiceAccount(sa)
  }

  /** The key's role on a service account instead of OpenAI's principal: a CI-guide setup OpenAI never uses. */
  async function viaServiceAccount(sa: string) {
    const name = `OpenAI's principal holds the role itself, not through ${sa}`
    const saPolicy = await step(name, () => api.serviceAccountIamPolicy(sa))
    const bindings = saPolicy.ok && Array.isArray(saPolicy.value.bindings) ? saPolicy.value.bindings.filter(isObj) : []
    const pool = `principalSet://iam.googleapis.com/projects/${number}/locations/global/workloadIdentityPools/${poolId}/*`
    const openai = bindings.some((b) => b.role === 'roles/iam.workloadIdentityUser' && strings(b.members).some((m) => m === principal || m === pool))
    const binding = !saPolicy.ok
      ? `Its own policy could not be read (${failedCall(name, saPolicy.failure, 'iam.serviceAccounts.getIamPolicy on it').detail.replace(/^Could not check: /, '')})`
      : openai
        ? `Its policy lets OpenAI's principal impersonate it (roles/iam.workloadIdentityUser)`
        : `Its policy does not give OpenAI's principal roles/iam.workloadIdentityUser either`
    emit({ name, status: 'fail', id: 'gcp-impersonation-denied', detail: `The key's role is held by serviceAccount:${sa}. ${binding}. OpenAI does not use a service account: its registration has no field for one, so it calls Cloud KMS as its own principal, which needs the role on the key itself.`, fix: grant })
  }

  // 5. The pool: a disabled or deleted pool refuses every token exchange, whatever its providers say
  const pool = await step(POOL, () => api.iamResource(poolName))
  const where = `--location=global --project=${number}`
  if (!pool.ok) {
    const f = pool.failure
    if (f.kind === 'not-found') emit({ name: POOL, status: 'fail', id: 'gcp-sts-provider-invalid', detail: `${poolName} does not exist (${f.status}). OpenAI's token exchange names it, and fails with invalid_target.`, fix: `gcloud iam workload-identity-pools create ${poolId} ${where}` })
    else emit(failedCall(POOL, f, 'iam.workloadIdentityPools.get on the pool'))
  } else if (pool.value.state === 'DELETED') {
    emit({ name: POOL, status: 'fail', id: 'gcp-sts-provider-invalid', detail: `The pool is deleted${typeof pool.value.expireTime === 'string' ? ` (purged after ${pool.value.expireTime})` : ''}; a deleted pool exchanges no tokens.`, fix: `gcloud iam workload-identity-pools undelete ${poolId} ${where}` })
  } else if (pool.value.disabled === true) {
    emit({ name: POOL, status: 'fail', id: 'gcp-sts-provider-invalid', detail: 'The pool is disabled; a disabled pool exchanges no tokens, whatever its providers say.', fix: `gcloud iam workload-identity-pools update ${poolId} ${where} --no-disabled` })
  } else emit({ name: POOL, status: 'pass', detail: `${poolName} is ${pool.value.state ?? 'not shown as deleted'} and not disabled.` })

  // 6. The provider: issuer, audiences, mapping and condition, through the same analyzer as `providers describe`
  const provider = await step(PROVIDER, () => api.iamResource(o.provider))
  if (!provider.ok) {
    const f = provider.failure
    if (f.kind === 'not-found') emit({ name: PROVIDER, status: 'fail', id: 'gcp-sts-provider-invalid', detail: `${o.provider} does not exist (${f.status}). OpenAI's token exchange names it, and fails with invalid_target.`, fix: createProviderCommand(providerId, poolId, o.org, number) })
    else emit(failedCall(PROVIDER, f, 'iam.workloadIdentityPoolProviders.get on the provider'))
  } else for (const c of analyzeProvider(provider.value, { org: o.org })) emit(fromCheck(c))

  // 7. OpenAI asks for the Cloud KMS API in the pool's project too, when it is another one
  if (kmsParent === `projects/${number}` || project === number) emit({ name: WIF_API, status: 'pass', detail: `The pool is in the key's project (projects/${number}), checked above.` })
  else await enabled(WIF_API, number)
  return lines
}

/** The policy with only the workload identity members of the pool --provider names; the others, listed. */
function ownPool(policy: Json, number: string, poolId: string): { policy: Obj; elsewhere: string[] } {
  const elsewhere = new Set<string>()
  const prefix = `iam.googleapis.com/projects/${number}/locations/global/workloadIdentityPools/${poolId}/`
  const bindings = (Array.isArray(policy.bindings) ? policy.bindings.filter(isObj) : []).map((b) => ({
    ...b,
    members: strings(b.members).filter((m) => {
      const foreign = /^principal(?:Set)?:\/\//.test(m) && !m.replace(/^principal(?:Set)?:\/\//, '').startsWith(prefix)
      if (foreign) elsewhere.add(m)
      return !foreign
    }),
  }))
  return { policy: { ...policy, bindings }, elsewhere: [...elsewhere] }
}

/** The first service account holding a Cloud KMS crypto role (or a custom one) on the key. */
function serviceAccountWithRole(policy: Obj): string | undefined {
  for (const b of Array.isArray(policy.bindings) ? policy.bindings.filter(isObj) : []) {
    if (typeof b.role !== 'string' || !CRYPTO_ROLES.test(b.role)) continue
    const sa = strings(b.members).find((m) => m.startsWith('serviceAccount:'))
    if (sa) return sa.slice('serviceAccount:'.length)
  }
  return undefined
}
