// OpenAI Management API registration bodies (test/fixtures/documents/openai, sources in
// sources.yaml), faulty variants of each, and request bodies that carry ekm_key_id.
import { describe, expect, it } from 'vitest'
import { analyzeOpenAIRegistration } from '../../src/engine/analyze/openai.ts'
import type { AnalyzeContext } from '../../src/engine/analyze/types.ts'
import { CATALOG_IDS } from '../rules/catalog.ts'
import { documentKit } from '../support/documents.ts'

const ORG = 'org-AbCdEf0123456789abcdef01'
const ctx: AnalyzeContext = { org: ORG }
const { doc, run, failed, mutate, correctDocumentsPass } = documentKit('openai', analyzeOpenAIRegistration, ctx)


describe('correct registrations pass every check', () => {
  correctDocumentsPass([
    ['register-aws.json', 'openai-external-key-aws'],
    ['register-gcp.json', 'openai-external-key-gcp'],
    ['register-azure.json', 'openai-external-key-azure'],
  ])

  it('reads the returned organization.external_key too', () => {
    const analysis = run({ object: 'organization.external_key', id: 'extkey_0123456789abcdef', ...doc('register-azure.json') })
    expect(analysis.title).toMatch(/registered external key/)
    expect(analysis.checks.filter((c) => c.status !== 'pass')).toEqual([])
  })

  it('is not fooled by other documents', () => {
    expect(analyzeOpenAIRegistration({ model: 'gpt-4.1', input: 'hi' }, ctx)).toBeNull()
    expect(analyzeOpenAIRegistration({ type: 'message', role: 'user' }, ctx)).toBeNull()
    expect(analyzeOpenAIRegistration({ Version: '2012-10-17', Statement: [] }, ctx)).toBeNull()
  })
})

describe('aws', () => {
  it.each([
    ["OpenAI's own role as role_arn", (d: any) => (d.role_arn = 'arn:aws:iam::790389265272:role/EnterpriseKeyManagement'), ['aws-assume-role-denied']],
    ['a user ARN as role_arn', (d: any) => (d.role_arn = 'arn:aws:iam::111122223333:user/admin'), ['aws-assume-role-denied']],
    ['a bare key id as kms_arn', (d: any) => (d.kms_arn = '1234abcd-12ab-34cd-56ef-1234567890ab'), ['aws-kms-invalid-key-id']],
    ['an alias ARN as kms_arn', (d: any) => (d.kms_arn = 'arn:aws:kms:us-east-1:111122223333:alias/openai-ekm'), []],
    ['a multi-Region key ARN', (d: any) => (d.kms_arn = 'arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab'), []],
    ['a personal org as external_id', (d: any) => (d.external_id = 'org-PersonalPersonal000001'), ['aws-assume-role-denied']],
    ['an account id as external_id', (d: any) => (d.external_id = '111122223333'), ['aws-assume-role-denied']],
  ])('%s', (_name, fn, ids) => {
    expect(failed(mutate('register-aws.json', fn))).toEqual(ids)
  })

  it('accepts a project id as external_id, and says it cannot compare it with an org', () => {
    const checks = run(mutate('register-aws.json', (d) => (d.external_id = 'proj_AbCdEf0123456789abcdef01'))).checks
    expect(checks.find((c) => c.status === 'skip')?.detail).toMatch(/project ID is fine/)
  })

  it('points at the field and gives the corrected request', () => {
    const check = run(mutate('register-aws.json', (d) => (d.external_id = 'org-PersonalPersonal000001'))).checks.find((c) => c.status === 'fail')!
    expect(check.at).toBe('external_id')
    expect(check.fix).toContain('curl https://api.openai.com/v1/organization/external_keys')
    expect(check.fix).toContain(`"external_id": "${ORG}"`)
  })
})

describe('gcp', () => {
  it.each([
    ['a project ID instead of the number', (d: any) => (d.workload_identity_project_number = 'ekm-wif-project'), ['gcp-sts-invalid-audience']],
    ['no provider id', (d: any) => delete d.workload_identity_provider_id, ['gcp-sts-invalid-audience']],
    ['a full pool resource name', (d: any) => (d.workload_identity_pool_id = 'projects/123456789012/locations/global/workloadIdentityPools/openai-azure'), ['gcp-sts-invalid-audience']],
    ['an audience that is not an org or project id', (d: any) => (d.audience = '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/openai-azure/providers/openai-provider'), ['gcp-sts-audience-mismatch']],
    ['no key ring', (d: any) => delete d.kms_key_ring_name, ['gcp-kms-not-found']],
    ['a full key resource name as kms_key_name', (d: any) => (d.kms_key_name = 'projects/ekm-kms-project/locations/us-east1/keyRings/openai-ekm-ring/cryptoKeys/openai-ekm-key'), ['gcp-kms-not-found']],
  ])('%s', (_name, fn, ids) => {
    expect(failed(mutate('register-gcp.json', fn))).toEqual(ids)
  })

  it('gives the gcloud command that prints the project number', () => {
    const check = run(mutate('register-gcp.json', (d) => (d.workload_identity_project_number = 'ekm-wif-project'))).checks.find((c) => c.status === 'fail')!
    expect(check).toMatchObject({ at: 'workload_identity_project_number' })
    expect(check.fix).toMatch(/^gcloud projects describe ekm-wif-project --format="value\(projectNumber\)"/)
  })
})

describe('azure', () => {
  it.each([
    ['a domain as tenant_id', (d: any) => (d.tenant_id = 'contoso.onmicrosoft.com'), ['azure-tenant-not-found']],
    ['a key identifier as vault_uri', (d: any) => (d.vault_uri = `https://contoso-ekm-vault.vault.azure.net/keys/${d.key_name}`), ['azure-keyvault-key-not-found']],
    ['a vault name as vault_uri', (d: any) => (d.vault_uri = 'contoso-ekm-vault'), ['azure-keyvault-key-not-found']],
    ['a key name without the org prefix', (d: any) => (d.key_name = 'openai_ekm'), ['azure-key-name-format']],
    ["another org's key name", (d: any) => (d.key_name = 'org-PersonalPersonal000001--openai-ekm'), ['azure-key-name-format']],
  ])('%s', (_name, fn, ids) => {
    expect(failed(mutate('register-azure.json', fn))).toEqual(ids)
  })

  it('proposes a key name that matches the pattern', () => {
    const check = run(mutate('register-azure.json', (d) => (d.key_name = 'openai_ekm'))).checks.find((c) => c.status === 'fail')!
    expect(check.fix).toContain(`az keyvault key create --vault-name <vault-name> --name ${ORG}--openai-ekm --kty RSA`)
  })
})

describe('ekm_key_id in a request body', () => {
  it('at the top level', () => {
    const checks = run({ model: 'gpt-4.1', input: 'Hello', ekm_key_id: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }).checks
    expect(checks).toMatchObject([{ status: 'fail', id: 'openai-ekm-per-request-param', at: 'ekm_key_id' }])
    expect(checks[0].fix).toContain('"external_key_id": "extkey_xxxx"')
  })
  it('nested, as an SDK extra_body', () => {
    expect(run({ model: 'gpt-4.1', extra_body: { ekm_key_id: 'k' } }).document).toBe('openai-request-body')
    expect(run({ model: 'gpt-4.1', extra_body: { ekm_key_id: 'k' } }).checks[0].at).toBe('extra_body.ekm_key_id')
  })
  it('as an OpenAI-Beta: ekm-beta header', () => {
    expect(failed({ headers: { 'OpenAI-Beta': 'ekm-beta' } })).toEqual(['openai-ekm-per-request-param'])
  })
})

it('every finding names a catalog symptom', () => {
  const ids = new Set<string>()
  const collect = (v: unknown, c?: AnalyzeContext) => run(v, c).checks.forEach((x) => x.id && ids.add(x.id))
  collect({ type: 'aws', role_arn: 'x', kms_arn: 'y', external_id: 'z' })
  collect({ type: 'gcp', workload_identity_project_number: 'p' })
  collect({ type: 'azure', tenant_id: 't', vault_uri: 'v', key_name: 'k' })
  collect(doc('register-azure.json'), { org: 'org-PersonalPersonal000001' })
  collect({ ekm_key_id: 'k' })
  expect(ids.size).toBeGreaterThan(7)
  for (const id of ids) expect(CATALOG_IDS as readonly string[]).toContain(id)
})
