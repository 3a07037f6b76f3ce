// AWS document checks on real documents (test/fixtures/documents/aws, sources in sources.yaml)
// and on faulty variants of each.
import { describe, expect, it } from 'vitest'
import { analyzeAws } from '../../src/engine/analyze/aws.ts'
import type { AnalyzeContext } from '../../src/engine/analyze/types.ts'
import { CATALOG_IDS } from '../rules/catalog.ts'
import { documentKit } from '../support/documents.ts'

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'
const ORG = 'org-AbCdEf0123456789abcdef01'
const ctx: AnalyzeContext = { org: ORG, key: KEY, role: 'arn:aws:iam::111122223333:role/openai-ekm' }
const { doc, run, failed, mutate, correctDocumentsPass } = documentKit('aws', analyzeAws, ctx)


describe('correct documents pass every check', () => {
  correctDocumentsPass([
    ['trust-policy-openai.json', 'aws-trust-policy'],
    ['permission-policy-openai.json', 'aws-permission-policy'],
    ['key-policy-default.json', 'aws-key-policy'],
    ['describe-key-symmetric.json', 'aws-describe-key'],
  ])
})

describe('trust policy', () => {
  it('without the ExternalId condition', () => {
    expect(failed(mutate('trust-policy-openai.json', (d) => delete d.Statement[0].Condition))).toEqual(['aws-assume-role-denied'])
  })
  it('with another principal', () => {
    expect(failed(mutate('trust-policy-openai.json', (d) => (d.Statement[0].Principal.AWS = 'arn:aws:iam::111122223333:root')))).toEqual(['aws-assume-role-denied'])
  })
  it('with a personal org id as ExternalId', () => {
    const checks = run(mutate('trust-policy-openai.json', (d) => (d.Statement[0].Condition.StringEquals['sts:ExternalId'] = ['org-PersonalPersonal000001']))).checks
    expect(checks.find((c) => c.status === 'fail')).toMatchObject({ id: 'aws-assume-role-denied', at: 'Statement[0] Condition' })
  })
  it('cannot check the org id without it, and says so', () => {
    const checks = run(doc('trust-policy-openai.json'), {}).checks
    expect(checks.find((c) => c.status === 'skip')?.detail).toMatch(/give the org id/)
  })
  it('reads the URL-encoded document inside get-role output', () => {
    const encoded = encodeURIComponent(JSON.stringify(mutate('trust-policy-openai.json', (d) => delete d.Statement[0].Condition)))
    const analysis = run({ Role: { RoleName: 'openai-ekm', Arn: ctx.role, AssumeRolePolicyDocument: encoded } })
    expect(analysis.document).toBe('aws-get-role')
    expect(analysis.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['aws-assume-role-denied'])
  })
})

describe('permission policy', () => {
  it('granting only the alias ARN', () => {
    const alias = mutate('permission-policy-openai.json', (d) => (d.Statement[0].Resource = 'arn:aws:kms:us-east-1:111122223333:alias/openai-ekm'))
    expect(failed(alias)).toEqual(['aws-kms-access-denied-identity-policy', 'aws-kms-access-denied-identity-policy'])
    expect(failed(alias, {})).toEqual(['aws-kms-access-denied-identity-policy', 'aws-kms-access-denied-identity-policy'])
  })
  it('missing kms:Encrypt', () => {
    expect(failed(mutate('permission-policy-openai.json', (d) => (d.Statement[0].Action = ['kms:Decrypt'])))).toEqual(['aws-kms-access-denied-identity-policy'])
  })
  it('with wildcards that cover the key', () => {
    expect(failed(mutate('permission-policy-openai.json', (d) => Object.assign(d.Statement[0], { Action: 'kms:*', Resource: 'arn:aws:kms:*:111122223333:key/*' })))).toEqual([])
  })
  it('with an explicit Deny', () => {
    const denied = mutate('permission-policy-openai.json', (d) => d.Statement.push({ Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }))
    expect(failed(denied)).toEqual(['aws-kms-access-denied-explicit-deny'])
  })
  it('ignores a Deny that only refuses calls without TLS', () => {
    const tls = mutate('permission-policy-openai.json', (d) => d.Statement.push({ Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))
    expect(failed(tls)).toEqual([])
  })
})

describe('key policy', () => {
  it('without the account root statement or the role', () => {
    const bare = mutate('key-policy-default.json', (d) => (d.Statement[0].Principal.AWS = 'arn:aws:iam::111122223333:user/admin'))
    expect(failed(bare)).toEqual(['aws-kms-access-denied-key-policy'])
  })
  it('allowing the role explicitly', () => {
    const role = mutate('key-policy-default.json', (d) => Object.assign(d.Statement[0], { Principal: { AWS: ctx.role }, Action: ['kms:Encrypt', 'kms:Decrypt'] }))
    expect(failed(role)).toEqual([])
  })
  it('with a Deny for everyone', () => {
    expect(failed(mutate('key-policy-default.json', (d) => d.Statement.push({ Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*' })))).toEqual(['aws-kms-access-denied-explicit-deny'])
  })
})

describe('describe-key', () => {
  it.each([
    ['RSA key', (d: any) => Object.assign(d.KeyMetadata, { KeySpec: 'RSA_2048', CustomerMasterKeySpec: 'RSA_2048' }), ['aws-kms-wrong-key-type']],
    ['signing key', (d: any) => Object.assign(d.KeyMetadata, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }), ['aws-kms-wrong-key-type', 'aws-kms-wrong-key-type']],
    ['disabled key', (d: any) => Object.assign(d.KeyMetadata, { KeyState: 'Disabled', Enabled: false }), ['aws-kms-key-disabled']],
    ['pending deletion', (d: any) => Object.assign(d.KeyMetadata, { KeyState: 'PendingDeletion', Enabled: false, DeletionDate: '2026-12-26T00:00:00Z' }), ['aws-kms-key-pending-deletion']],
    ['pending import', (d: any) => Object.assign(d.KeyMetadata, { KeyState: 'PendingImport', Origin: 'EXTERNAL' }), ['aws-kms-key-invalid-state']],
    ['AWS managed key', (d: any) => Object.assign(d.KeyMetadata, { KeyManager: 'AWS' }), ['aws-kms-access-denied-key-policy']],
  ])('%s', (_name, fn, ids) => {
    expect(failed(mutate('describe-key-symmetric.json', fn))).toEqual(ids)
  })
})

it('every finding names a catalog symptom', () => {
  const ids = new Set<string>()
  const collect = (v: unknown, c?: AnalyzeContext) => run(v, c).checks.forEach((x) => x.id && ids.add(x.id))
  collect(mutate('trust-policy-openai.json', (d) => delete d.Statement[0].Condition))
  collect(mutate('permission-policy-openai.json', (d) => d.Statement.push({ Effect: 'Deny', Action: 'kms:*', Resource: '*' })))
  collect(mutate('describe-key-symmetric.json', (d) => Object.assign(d.KeyMetadata, { KeyState: 'PendingImport', KeyManager: 'AWS', KeySpec: 'HMAC_256' })))
  for (const id of ids) expect(CATALOG_IDS as readonly string[]).toContain(id)
})
