// Azure document checks on real-shaped documents (test/fixtures/documents/azure, sources in
// sources.yaml) and on faulty variants of each.
import { describe, expect, it } from 'vitest'
import { analyzeAzure } from '../../src/engine/analyze/azure.ts'
import type { AnalyzeContext } from '../../src/engine/analyze/types.ts'
import { CATALOG_IDS } from '../rules/catalog.ts'
import { documentKit } from '../support/documents.ts'

const ORG = 'org-AbCdEf0123456789abcdef01'
const KEY = `${ORG}--openai-ekm`
const NOW = new Date('2026-06-01T00:00:00Z')
const ctx: AnalyzeContext = { org: ORG }
const { doc, run, failed, mutate, correctDocumentsPass } = documentKit('azure', (v, c) => analyzeAzure(v, c, NOW), ctx)

const assignment = (fn: (a: any) => void) => mutate('role-assignment-list.json', (d) => fn(d[0]))

describe('correct documents pass every check', () => {
  correctDocumentsPass([
    ['key-show-rest.json', 'azure-key-show'],
    ['key-show-cli.json', 'azure-key-show'],
    ['vault-show.json', 'azure-vault-show'],
    ['role-definition-list.json', 'azure-role-definition'],
    ['role-definition-create.json', 'azure-role-definition'],
    ['role-assignment-list.json', 'azure-role-assignments'],
  ])

  it('reads a single item of a list as well as the list', () => {
    expect(run(doc('role-definition-list.json')[0]).document).toBe('azure-role-definition')
    expect(run(doc('role-assignment-list.json')[0]).document).toBe('azure-role-assignments')
  })

  it('is not fooled by other documents', () => {
    expect(analyzeAzure({ Version: '2012-10-17', Statement: [] }, ctx)).toBeNull()
    expect(analyzeAzure({ error: { code: 'Forbidden', message: 'Caller is not authorized' } }, ctx)).toBeNull()
    expect(analyzeAzure([1, 2], ctx)).toBeNull()
  })
})

describe('key show', () => {
  it.each([
    ['EC key', (d: any) => Object.assign(d.key, { kty: 'EC', crv: 'P-256' }), ['azure-keyvault-wrong-key-type']],
    ['without encrypt/decrypt', (d: any) => (d.key.keyOps = ['wrapKey', 'unwrapKey']), ['azure-keyvault-key-operation-forbidden']],
    ['disabled', (d: any) => (d.attributes.enabled = false), ['azure-keyvault-key-disabled']],
    ['expired', (d: any) => (d.attributes.expires = '2026-01-31T00:00:00+00:00'), ['azure-keyvault-key-disabled']],
    ['not yet active', (d: any) => (d.attributes.notBefore = '2026-07-01T00:00:00+00:00'), ['azure-keyvault-key-disabled']],
    ['named without the org prefix', (d: any) => (d.key.kid = d.key.kid.replace(KEY, 'openai-ekm')), ['azure-key-name-format']],
  ])('%s', (_name, fn, ids) => {
    expect(failed(mutate('key-show-cli.json', fn))).toEqual(ids)
  })

  it('reads the REST shape: key_ops and epoch-second dates', () => {
    const rest = mutate('key-show-rest.json', (d) => Object.assign(d.attributes, { exp: Date.parse('2026-01-31T00:00:00Z') / 1000, nbf: 1493942451 }))
    const checks = run(rest).checks
    expect(checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['azure-keyvault-key-disabled'])
    expect(checks.find((c) => c.status === 'fail')).toMatchObject({ at: 'attributes.exp' })
    expect(failed(mutate('key-show-rest.json', (d) => (d.key.key_ops = ['sign', 'verify'])))).toEqual(['azure-keyvault-key-operation-forbidden'])
  })

  it('uses the clock it is given, and defaults to now', () => {
    const expiring = mutate('key-show-cli.json', (d) => (d.attributes.expires = '2026-03-01T00:00:00+00:00'))
    expect(analyzeAzure(expiring, ctx, new Date('2026-02-01T00:00:00Z'))!.checks.every((c) => c.status === 'pass')).toBe(true)
    expect(analyzeAzure(expiring, ctx)!.checks.find((c) => c.status === 'fail')?.id).toBe('azure-keyvault-key-disabled')
  })

  it('points at the field and gives the az command', () => {
    const check = run(mutate('key-show-cli.json', (d) => (d.attributes.enabled = false))).checks.find((c) => c.status === 'fail')!
    expect(check.at).toBe('attributes.enabled')
    expect(check.fix).toBe(`az keyvault key set-attributes --vault-name contoso-ekm-vault --name ${KEY} --version 5c1e8d6a2f9b4c07a3e4d2b1f0a9c8e7 --enabled true`)
  })

  it("checks the org prefix against the registering org, and says when it cannot", () => {
    expect(failed(doc('key-show-cli.json'), { org: 'org-PersonalPersonal000001' })).toEqual(['azure-key-name-format'])
    expect(run(doc('key-show-cli.json'), {}).checks.find((c) => c.status === 'skip')?.detail).toMatch(/give the org ID/)
  })

  it('notes a key other than the one being checked', () => {
    expect(failed(doc('key-show-cli.json'), { org: ORG, key: `${ORG}--other` })).toEqual(['azure-keyvault-key-not-found'])
  })
})

describe('vault show', () => {
  it('access-policy vault', () => {
    const checks = run(mutate('vault-show.json', (d) => (d.properties.enableRbacAuthorization = false))).checks
    expect(checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['azure-keyvault-forbidden-access-policy'])
    expect(checks.find((c) => c.status === 'fail')?.fix).toMatch(/^az keyvault update --name contoso-ekm-vault --resource-group ekm-rg --enable-rbac-authorization true/)
  })
  it('firewall that denies by default', () => {
    const checks = run(mutate('vault-show.json', (d) => (d.properties.networkAcls = { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] }))).checks
    const f = checks.find((c) => c.status === 'fail')!
    expect(f).toMatchObject({ id: 'azure-keyvault-forbidden-firewall', at: 'properties.networkAcls.defaultAction' })
    expect(f.detail).toMatch(/publishes no egress IP/)
  })
  it('public network access disabled', () => {
    expect(failed(mutate('vault-show.json', (d) => (d.properties.publicNetworkAccess = 'Disabled')))).toEqual(['azure-keyvault-forbidden-firewall'])
  })
  it('does not guess the permission model when the output leaves it out', () => {
    const checks = run(mutate('vault-show.json', (d) => delete d.properties.enableRbacAuthorization)).checks
    expect(checks.map((c) => c.status)).toContain('skip')
    expect(checks.filter((c) => c.status === 'fail')).toEqual([])
  })
})

describe('role definition', () => {
  it('missing decrypt', () => {
    expect(failed(mutate('role-definition-list.json', (d) => d[0].permissions[0].dataActions.splice(1, 1)))).toEqual(['azure-keyvault-forbidden-rbac'])
  })
  it('with the actions under actions instead of dataActions', () => {
    const wrong = mutate('role-definition-create.json', (d) => Object.assign(d, { Actions: d.DataActions, DataActions: [] }))
    const checks = run(wrong).checks.filter((c) => c.status === 'fail')
    expect(checks.map((c) => c.id)).toEqual(['azure-keyvault-forbidden-rbac', 'azure-keyvault-forbidden-rbac', 'azure-keyvault-forbidden-rbac'])
    expect(checks[0].detail).toMatch(/under actions/)
    expect(checks[0].fix).toMatch(/"DataActions": \[/)
  })
  it('with a wildcard that covers the key actions', () => {
    expect(failed(mutate('role-definition-create.json', (d) => (d.DataActions = ['Microsoft.KeyVault/vaults/keys/*'])))).toEqual([])
  })
  it('with a notDataActions exclusion', () => {
    const excluded = mutate('role-definition-list.json', (d) => Object.assign(d[0].permissions[0], { dataActions: ['Microsoft.KeyVault/vaults/keys/*'], notDataActions: ['Microsoft.KeyVault/vaults/keys/encrypt/action'] }))
    expect(failed(excluded)).toEqual(['azure-keyvault-forbidden-rbac'])
  })
  it('judges the closest role of a custom-role list', () => {
    const other = { roleName: 'VM Operator', permissions: [{ actions: ['Microsoft.Compute/*/read'], dataActions: [], notActions: [], notDataActions: [] }], assignableScopes: ['/subscriptions/x'] }
    const analysis = run([other, ...doc('role-definition-list.json')])
    expect(analysis.title).toMatch(/OpenAI EKM Key Crypto/)
    expect(analysis.checks.every((c) => c.status === 'pass')).toBe(true)
  })
})

describe('role assignment list', () => {
  it('assigned on the vault: broader than OpenAI\'s steps, but inherited', () => {
    const checks = run(assignment((a) => (a.scope = a.scope.replace(`/keys/${KEY}`, '')))).checks
    expect(checks.map((c) => c.status)).toEqual(['pass'])
    expect(checks[0].detail).toMatch(/broader than OpenAI's steps/)
  })
  it('assigned to another principal', () => {
    const checks = run(assignment((a) => Object.assign(a, { principalName: 'admin@contoso.com', principalType: 'User' }))).checks
    expect(checks.map((c) => c.id)).toEqual(['azure-keyvault-forbidden-rbac'])
    expect(checks[0].fix).toMatch(/az role assignment create .*--scope "\$VAULT_ID\/keys\//)
  })
  it('recognises the display name as well as the appId', () => {
    expect(failed(assignment((a) => (a.principalName = 'EKM - OpenAI Azure')))).toEqual([])
  })
  it('on a different key than the one being checked', () => {
    expect(failed(doc('role-assignment-list.json'), { org: ORG, key: `${ORG}--other` })).toEqual(['azure-keyvault-forbidden-rbac'])
  })
  it('reads a --query projection without principals as filtered by --assignee', () => {
    const projected = [{ role: 'OpenAI EKM Key Crypto', scope: doc('role-assignment-list.json')[0].scope }]
    const checks = run(projected).checks
    expect(checks.map((c) => c.status)).toEqual(['pass'])
    expect(checks[0].detail).toMatch(/--assignee/)
  })
  it('gives a row whose principal az could not name the benefit of the doubt', () => {
    const rows = [...doc('role-assignment-list.json'), { principalName: 'admin@contoso.com', principalType: 'User', roleDefinitionName: 'Key Vault Administrator', scope: '/subscriptions/x' }]
    delete rows[0].principalName
    expect(run(rows).checks.map((c) => c.status)).toEqual(['pass'])
  })
})

it('every finding names a catalog symptom', () => {
  const ids = new Set<string>()
  const collect = (v: unknown, c?: AnalyzeContext) => run(v, c).checks.forEach((x) => x.id && ids.add(x.id))
  collect(mutate('key-show-cli.json', (d) => Object.assign(d, { key: { ...d.key, kty: 'oct-HSM', keyOps: [], kid: d.key.kid.replace(KEY, 'ekm') }, attributes: { enabled: false, expires: '2020-01-01T00:00:00Z', notBefore: '2030-01-01T00:00:00Z' } })))
  collect(doc('key-show-cli.json'), { org: 'org-PersonalPersonal000001', key: 'org-x--y' })
  collect(mutate('vault-show.json', (d) => Object.assign(d.properties, { enableRbacAuthorization: false, publicNetworkAccess: 'Disabled' })))
  collect(mutate('role-definition-create.json', (d) => (d.DataActions = [])))
  collect(assignment((a) => (a.principalName = 'someone@contoso.com')))
  expect(ids.size).toBeGreaterThan(5)
  for (const id of ids) expect(CATALOG_IDS as readonly string[]).toContain(id)
})
