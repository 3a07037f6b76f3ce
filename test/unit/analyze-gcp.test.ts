// Google Cloud document checks on correct documents (test/fixtures/documents/gcp, sources in
// sources.yaml) and on faulty variants of each.
import { describe, expect, it } from 'vitest'
import { analyzeGcp } from '../../src/engine/analyze/gcp.ts'
import type { AnalyzeContext } from '../../src/engine/analyze/types.ts'
import { CATALOG_IDS } from '../rules/catalog.ts'
import { documentKit } from '../support/documents.ts'

const ORG = 'org-AbCdEf0123456789abcdef01'
const KEY = 'projects/my-kms-project/locations/us-east1/keyRings/openai-ekm/cryptoKeys/openai-ekm-key'
const ctx: AnalyzeContext = { org: ORG, key: KEY }
const { doc, run, failed, mutate, correctDocumentsPass } = documentKit('gcp', analyzeGcp, ctx)
const SUBJECT = '105900137572174660365'
const POOL = 'projects/123456789012/locations/global/workloadIdentityPools/openai-ekm-pool'

const skipped = (value: unknown, c: AnalyzeContext = ctx) => run(value, c).checks.filter((x) => x.status === 'skip')

describe('correct documents pass every check', () => {
  correctDocumentsPass([
    ['provider-openai.json', 'gcp-wif-provider'],
    ['key-symmetric.json', 'gcp-kms-key'],
    ['key-version-enabled.json', 'gcp-kms-key-version'],
    ['key-iam-policy-openai.json', 'gcp-iam-policy'],
  ])
})

it('is not fooled by other documents', () => {
  expect(analyzeGcp({ Version: '2012-10-17', Statement: [] }, ctx)).toBeNull()
  expect(analyzeGcp({ error: { code: 403, message: 'Permission denied', status: 'PERMISSION_DENIED' } }, ctx)).toBeNull()
  expect(analyzeGcp([doc('key-symmetric.json')], ctx)).toBeNull()
  expect(analyzeGcp('name: projects/x', ctx)).toBeNull()
})

describe('workload identity provider', () => {
  const provider = (fn: (d: any) => void) => mutate('provider-openai.json', fn)
  it.each([
    ['disabled', (d: any) => (d.disabled = true), ['gcp-sts-provider-invalid']],
    ['deleted', (d: any) => Object.assign(d, { state: 'DELETED', expireTime: '2026-01-30T00:00:00Z' }), ['gcp-sts-provider-invalid']],
    ['another issuer', (d: any) => (d.oidc.issuerUri = 'https://token.actions.githubusercontent.com'), ['gcp-sts-provider-invalid']],
    ['mapping google.subject to azp', (d: any) => (d.attributeMapping['google.subject'] = 'assertion.email'), ['gcp-sts-provider-invalid']],
    ['no google.subject mapping', (d: any) => (d.attributeMapping = { 'attribute.sub': 'assertion.sub' }), ['gcp-sts-provider-invalid']],
    ['a condition for another subject', (d: any) => (d.attributeCondition = "assertion.sub == '123456789012345678901'"), ['gcp-sts-attribute-condition-rejected']],
    ['a condition on GitHub claims', (d: any) => (d.attributeCondition = "assertion.repository_owner == 'acme'"), ['gcp-sts-attribute-condition-rejected']],
    ['another org in allowed audiences', (d: any) => (d.oidc.allowedAudiences = ['org-PersonalPersonal000001']), ['gcp-sts-audience-mismatch']],
    ['no allowed audiences', (d: any) => delete d.oidc.allowedAudiences, ['gcp-sts-audience-mismatch']],
    ['an AWS provider', (d: any) => Object.assign(d, { oidc: undefined, aws: { accountId: '111122223333' } }), ['gcp-sts-provider-invalid']],
  ])('%s', (_name, fn, ids) => {
    expect(failed(JSON.parse(JSON.stringify(provider(fn))))).toEqual(ids)
  })
  it('fixes the condition with update-oidc', () => {
    const check = run(provider((d) => (d.attributeCondition = 'assertion.sub == "1"'))).checks.find((c) => c.status === 'fail')!
    expect(check.at).toBe('attributeCondition')
    expect(check.fix).toBe(`gcloud iam workload-identity-pools providers update-oidc ${POOL}/providers/openai-ekm-provider --attribute-condition='assertion.sub == "${SUBJECT}"'`)
  })
  it('accepts the condition with other spacing and quotes', () => {
    for (const condition of [`assertion.sub=='${SUBJECT}'`, `  assertion.sub ==  "${SUBJECT}" `, `"${SUBJECT}" == assertion.sub`, `(assertion.sub == '${SUBJECT}')`]) {
      expect(failed(provider((d) => (d.attributeCondition = condition)))).toEqual([])
      expect(skipped(provider((d) => (d.attributeCondition = condition)))).toEqual([])
    }
  })
  it('does not claim a missing condition rejects OpenAI, nor judge a longer condition', () => {
    expect(failed(provider((d) => delete d.attributeCondition))).toEqual([])
    expect(skipped(provider((d) => delete d.attributeCondition))[0].detail).toMatch(/not rejected/)
    expect(failed(provider((d) => (d.attributeCondition = `assertion.sub == "${SUBJECT}" && assertion.aud == "${ORG}"`)))).toEqual([])
  })
  it('explains what an empty audience list means', () => {
    const check = run(provider((d) => (d.oidc.allowedAudiences = []))).checks.find((c) => c.status === 'fail')!
    expect(check.detail).toContain(`//iam.googleapis.com/${POOL}/providers/openai-ekm-provider`)
    expect(check.fix).toContain(`--allowed-audiences=${ORG}`)
  })
  it('cannot check the audience without the org id, and says so', () => {
    expect(skipped(doc('provider-openai.json'), {})[0].detail).toMatch(/give the org id/)
    expect(failed(provider((d) => (d.oidc.allowedAudiences = [`https://iam.googleapis.com/${POOL}/providers/openai-ekm-provider`])), {})).toEqual(['gcp-sts-audience-mismatch'])
  })
  it('notes the registration values', () => {
    expect(run(doc('provider-openai.json')).checks[0].detail).toContain('workload_identity_project_number 123456789012')
  })
})

describe('key', () => {
  it.each([
    ['asymmetric decryption key', (d: any) => (d.purpose = 'ASYMMETRIC_DECRYPT'), ['gcp-kms-wrong-key-purpose']],
    ['raw encryption key', (d: any) => Object.assign(d, { purpose: 'RAW_ENCRYPT_DECRYPT', primary: undefined }), ['gcp-kms-wrong-key-purpose']],
    ['disabled primary', (d: any) => (d.primary.state = 'DISABLED'), ['gcp-kms-key-version-not-enabled']],
    ['primary scheduled for destruction', (d: any) => Object.assign(d.primary, { state: 'DESTROY_SCHEDULED', destroyTime: '2026-02-01T00:00:00Z' }), ['gcp-kms-key-version-not-enabled']],
    ['destroyed primary', (d: any) => (d.primary.state = 'DESTROYED'), ['gcp-kms-key-version-not-enabled']],
    ['no primary', (d: any) => delete d.primary, ['gcp-kms-key-version-not-enabled']],
    ['another key ring', (d: any) => (d.name = d.name.replace('keyRings/openai-ekm', 'keyRings/other')), ['gcp-kms-not-found']],
  ])('%s', (_name, fn, ids) => {
    expect(failed(JSON.parse(JSON.stringify(mutate('key-symmetric.json', fn))))).toEqual(ids)
  })
  it('gives the gcloud command for the fix', () => {
    const flags = '--key=openai-ekm-key --keyring=openai-ekm --location=us-east1 --project=my-kms-project'
    const fix = (state: string) => run(mutate('key-symmetric.json', (d) => (d.primary.state = state))).checks.find((c) => c.status === 'fail')!.fix
    expect(fix('DISABLED')).toBe(`gcloud kms keys versions enable 1 ${flags}`)
    expect(fix('DESTROY_SCHEDULED')).toBe(`gcloud kms keys versions restore 1 ${flags} && gcloud kms keys versions enable 1 ${flags}`)
  })
  it('compares the key only when it is given, and not a project number with an id', () => {
    expect(run(doc('key-symmetric.json'), {}).checks.map((c) => c.name)).not.toContain('Output is for the registered key')
    const byNumber = { key: KEY.replace('my-kms-project', '123456789012') }
    expect(skipped(doc('key-symmetric.json'), byNumber)).toHaveLength(1)
    expect(failed(doc('key-symmetric.json'), { key: `${KEY}/cryptoKeyVersions/1` })).toEqual([])
  })
})

describe('key version', () => {
  it.each([
    ['disabled', (d: any) => (d.state = 'DISABLED'), ['gcp-kms-key-version-not-enabled']],
    ['destroyed', (d: any) => Object.assign(d, { state: 'DESTROYED', destroyEventTime: '2026-01-01T00:00:00Z' }), ['gcp-kms-key-version-not-enabled']],
    ['pending import', (d: any) => (d.state = 'PENDING_IMPORT'), ['gcp-kms-key-version-not-enabled']],
    ['a signing version', (d: any) => (d.algorithm = 'EC_SIGN_P256_SHA256'), ['gcp-kms-wrong-key-purpose']],
  ])('%s', (_name, fn, ids) => {
    expect(failed(mutate('key-version-enabled.json', fn))).toEqual(ids)
  })
})

describe('key IAM policy', () => {
  const member = (m: string, role = 'roles/cloudkms.cryptoKeyEncrypterDecrypter') => mutate('key-iam-policy-openai.json', (d) => (d.bindings = [{ role, members: [m] }]))
  const openai = `principal://iam.googleapis.com/${POOL}/subject/${SUBJECT}`
  it('with no bindings at all (an empty policy prints only its etag)', () => {
    const analysis = run({ etag: 'ACAB' })
    expect(analysis.document).toBe('gcp-iam-policy')
    expect(analysis.checks.map((c) => c.id)).toEqual(['gcp-kms-permission-denied', 'gcp-kms-permission-denied'])
    expect(analysis.checks[0].fix).toBe(`gcloud kms keys add-iam-policy-binding openai-ekm-key --keyring=openai-ekm --location=us-east1 --project=my-kms-project --member='principal://iam.googleapis.com/projects/<PROJECT_NUMBER>/locations/global/workloadIdentityPools/<POOL_ID>/subject/${SUBJECT}' --role=roles/cloudkms.cryptoKeyEncrypterDecrypter`)
  })
  it('granting a project ID instead of the number', () => {
    const checks = run(member(openai.replace('123456789012', 'my-wif-project'))).checks
    expect(checks.map((c) => c.id)).toEqual(['gcp-kms-permission-denied', 'gcp-kms-permission-denied'])
    expect(checks[0].detail).toMatch(/by ID \(my-wif-project\)/)
  })
  it('granting another subject', () => {
    const checks = run(member(openai.replace(SUBJECT, '123456789012345678901'))).checks
    expect(checks.map((c) => c.id)).toEqual(['gcp-kms-permission-denied', 'gcp-kms-permission-denied'])
    expect(checks[0].fix).toContain(`--member='${openai}'`)
  })
  it('granting only the encrypter role', () => {
    expect(failed(member(openai, 'roles/cloudkms.cryptoKeyEncrypter'))).toEqual(['gcp-kms-permission-denied'])
  })
  it('granting a service account only', () => {
    expect(failed(member('serviceAccount:ekm@my-kms-project.iam.gserviceaccount.com'))).toEqual(['gcp-kms-permission-denied', 'gcp-kms-permission-denied'])
  })
  it('granting the whole pool includes OpenAI, and says it is broader', () => {
    const checks = run(member(`principalSet://iam.googleapis.com/${POOL}/*`)).checks
    expect(checks.map((c) => c.status)).toEqual(['pass', 'pass'])
    expect(checks[0].detail).toMatch(/every identity in pool openai-ekm-pool/)
  })
  it('cannot tell for a group or attribute set, a custom role or a conditional binding', () => {
    for (const policy of [
      member(`principalSet://iam.googleapis.com/${POOL}/group/ekm`),
      member(`principalSet://iam.googleapis.com/${POOL}/attribute.org/${ORG}`),
      member(openai, 'projects/my-kms-project/roles/ekmCrypto'),
      member(openai, 'toString'),
      mutate('key-iam-policy-openai.json', (d) => (d.bindings[0].condition = { title: 'until', expression: 'request.time < timestamp("2027-01-01T00:00:00Z")' })),
    ]) {
      expect(run(policy).checks.map((c) => c.status)).toEqual(['skip', 'skip'])
    }
    expect(skipped(member(openai, 'projects/my-kms-project/roles/ekmCrypto'))[0].detail).toMatch(/not visible here/)
  })
})

it('every finding names a catalog symptom', () => {
  const ids = new Set<string>()
  const collect = (v: unknown, c?: AnalyzeContext) => run(v, c).checks.forEach((x) => x.id && ids.add(x.id))
  collect(mutate('provider-openai.json', (d) => Object.assign(d, { disabled: true, attributeCondition: 'true == false', attributeMapping: {}, oidc: { issuerUri: 'https://example.com' } })))
  collect(mutate('provider-openai.json', (d) => (d.oidc.allowedAudiences = ['org-Other0000000000000000'])))
  collect(mutate('key-symmetric.json', (d) => Object.assign(d, { purpose: 'MAC', name: d.name.replace('us-east1', 'global') })))
  collect(mutate('key-symmetric.json', (d) => (d.primary.state = 'IMPORT_FAILED')))
  collect(mutate('key-version-enabled.json', (d) => Object.assign(d, { state: 'DESTROYED', algorithm: 'RSA_DECRYPT_OAEP_2048_SHA256' })))
  collect({ bindings: [], etag: 'ACAB' })
  for (const id of ids) expect(CATALOG_IDS as readonly string[]).toContain(id)
  expect(ids.size).toBe(7)
})
