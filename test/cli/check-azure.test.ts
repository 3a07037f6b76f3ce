// `ekm-doctor check azure` through the real Azure SDKs over HTTPS, against a local Azure that speaks
// Entra ID's token endpoint, Key Vault's REST API with its challenge, ARM and Microsoft Graph.
// The SDKs reach it by the real host names through HTTPS_PROXY (see test/support/fake-azure.ts);
// nothing leaves loopback, and no managed identity endpoint is ever asked.
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname } from 'node:path'
import tls from 'node:tls'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.ts'
import { CLIENT, goodTenant, KEY, KEY_NAME, keyBundle, OPENAI_SP_ID, ORG, SUBSCRIPTION, TENANT, VAULT, VAULT_ID, VERSION } from '../support/azure-tenant.ts'
import { armAuthorizationFailed, graphDenied, keyVaultForbiddenByRbac, startFakeAzure, throttled, type FakeAzure, type Tenant } from '../support/fake-azure.ts'
import { memoryIo } from '../support/io.ts'

let fake: FakeAzure
const saved = { ...process.env }
const savedCAs = tls.getCACertificates('default')
/** Where every managed identity endpoint points: on loopback, and asked by nobody. */
let identity: Server
let identityUrl = ''
const identityCalls: string[] = []

beforeAll(async () => {
  fake = await startFakeAzure(goodTenant())
  identity = createServer((req, res) => {
    identityCalls.push(`${req.method} ${req.url}`)
    res.writeHead(400).end()
  })
  await new Promise<void>((resolve) => identity.listen(0, '127.0.0.1', resolve))
  identityUrl = `http://127.0.0.1:${(identity.address() as AddressInfo).port}`
  // The fake's certificate is trusted in this process only, as NODE_EXTRA_CA_CERTS would at start-up.
  tls.setDefaultCACertificates([...savedCAs, fake.certificate])
})
afterAll(async () => {
  tls.setDefaultCACertificates(savedCAs)
  await fake.close()
  await new Promise((resolve) => identity.close(resolve))
})
afterEach(() => {
  // Read-only in every scenario: no write call reached any service; only the token request posts.
  const writes = fake.requests.filter((r) => r.method !== 'GET' && !(r.method === 'POST' && r.host === 'login.microsoftonline.com' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(r.path)))
  expect(writes).toEqual([])
  expect(fake.refused).toEqual([])
  expect(identityCalls).toEqual([])
  process.env = { ...saved }
  fake.tenant = goodTenant()
  fake.requests.length = 0
})

/** Only the fake, only these credentials: no proxy bypass, no managed identity, no az login of this machine. */
function azureEnv(credentials = true, proxy = fake.proxy): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(saved)) if (!/^(AZURE_|IDENTITY_|MSI_|IMDS_|(https?|all|no)_proxy$)/i.test(k)) env[k] = v
  Object.assign(env, {
    HTTPS_PROXY: proxy,
    AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com',
    AZURE_CONFIG_DIR: '/nonexistent/azure-config',
    // Managed identity is not in the check's credential chain: every endpoint it could ask (App
    // Service, Azure Arc, Cloud Shell, and IMDS through its override) is a loopback recorder that must stay silent.
    IDENTITY_ENDPOINT: `${identityUrl}/msi/token`,
    IDENTITY_HEADER: 'none',
    MSI_ENDPOINT: `${identityUrl}/msi/token`,
    IMDS_ENDPOINT: identityUrl,
    AZURE_POD_IDENTITY_AUTHORITY_HOST: identityUrl,
    PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
  })
  if (credentials) Object.assign(env, { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT.appId, AZURE_CLIENT_SECRET: CLIENT.secret })
  return env
}

interface Report {
  checks: { name: string; status: 'pass' | 'fail' | 'skip'; id?: string; url?: string; detail: string; fix?: string; decides?: false }[]
  summary: { pass: number; fail: number; skip: number; undecided: number }
}

async function check(extra: string[] = [], key = KEY, env = azureEnv()) {
  process.env = env
  const { io, out } = memoryIo({}, '', env as Record<string, string>)
  const code = await main(['check', 'azure', '--key', key, '--tenant', TENANT, '--org', ORG, '--json', ...extra], io)
  const report = (out.stdout ? JSON.parse(out.stdout) : undefined) as Report
  const named = (name: string) => report.checks.find((c) => c.name === name)
  return { code, report, stderr: out.stderr, named, failed: report?.checks.filter((c) => c.status === 'fail') ?? [] }
}

const vault = (t: Tenant) => t.vaults[SUBSCRIPTION][0].properties
const bundle = (t: Tenant) => t.keys[VAULT][KEY_NAME][0].bundle as { key: Record<string, unknown>; attributes: Record<string, unknown> }
const now = () => Math.floor(Date.now() / 1000)
/** Moves the key (and OpenAI's role assignment on it) to another name; returns the key identifier to check. */
function rename(t: Tenant, name: string) {
  t.keys[VAULT] = { [name]: [{ version: VERSION, bundle: keyBundle(name) }] }
  t.roleAssignments[0].scope = `${VAULT_ID}/keys/${name}`
  return `https://${VAULT}.vault.azure.net/keys/${name}`
}

describe('check azure', () => {
  it('passes a correct setup, read-only, through Key Vault, ARM and Graph', async () => {
    const r = await check()
    expect(r.failed).toEqual([])
    expect(r.report.summary).toMatchObject({ fail: 0, skip: 0, undecided: 0 })
    expect(r.code).toBe(0)
    expect(r.report.checks.map((c) => c.name)).toEqual([
      'Credentials work',
      'Key can be read',
      'Key type is RSA',
      'Key operations include encrypt and decrypt',
      'Key is enabled',
      'Key has not expired',
      'Key is active (activation date passed)',
      'Key name matches org-<id>--<name>',
      'Key name starts with your OpenAI organization ID',
      'Vault settings can be read',
      'Vault uses the Azure RBAC permission model',
      "Vault accepts calls from OpenAI's network",
      'Vault URI noted',
      'Vault is in the tenant you register',
      'Soft delete and purge protection',
      "OpenAI's service principal exists in the tenant",
      "Role assigned to OpenAI's service principal on the key",
      'Role grants Microsoft.KeyVault/vaults/keys/encrypt/action as a data action',
      'Role grants Microsoft.KeyVault/vaults/keys/decrypt/action as a data action',
      'Role grants Microsoft.KeyVault/vaults/keys/read as a data action',
      'Assignable scopes noted',
    ])
    expect(r.named('Credentials work')?.detail).toBe(`Signed in as ${CLIENT.appId} (object id ${CLIENT.objectId}) in tenant ${TENANT}.`)
    expect(r.named('Key type is RSA')?.detail).toContain('RSA-HSM, 3072 bits')
    expect(r.named("OpenAI's service principal exists in the tenant")?.detail).toContain(OPENAI_SP_ID)
    expect(r.named("Role assigned to OpenAI's service principal on the key")?.detail).toContain('OpenAI EKM key user is assigned')
    // Key Vault's challenge first (no token), then the same read with a token for https://vault.azure.net.
    expect(fake.requests.filter((q) => q.host === `${VAULT}.vault.azure.net`).map((q) => q.token)).toEqual([false, true])
    expect(fake.requests.map((q) => q.host)).toEqual(expect.arrayContaining(['login.microsoftonline.com', 'management.azure.com', 'graph.microsoft.com']))
  })

  it('finds the vault in --subscription without listing subscriptions, and reads a pinned version', async () => {
    const r = await check(['--subscription', SUBSCRIPTION], `${KEY}/${VERSION}`)
    expect(r.code).toBe(0)
    expect(fake.requests.some((q) => q.path === '/subscriptions')).toBe(false)
    expect(fake.requests.some((q) => q.path.endsWith(`/keys/${KEY_NAME}/${VERSION}`))).toBe(true)
    expect(r.named('Key can be read')?.detail).toContain(`version ${VERSION}`)
  })

  it('accepts a role assigned on the whole vault, and says it is broader than OpenAI asks', async () => {
    fake.tenant.roleAssignments[0].scope = VAULT_ID
    const r = await check()
    expect(r.code).toBe(0)
    expect(r.named("Role assigned to OpenAI's service principal on the key")?.detail).toContain('broader than OpenAI\'s steps')
  })

  it('notes purge protection without letting it decide', async () => {
    vault(fake.tenant).enablePurgeProtection = false
    const r = await check()
    expect(r.code).toBe(0)
    expect(r.named('Soft delete and purge protection')).toMatchObject({ status: 'pass', decides: false, detail: expect.stringContaining(`az keyvault update --name ${VAULT} --resource-group rg-ekm --enable-purge-protection true`) })
  })

  it.each<[string, (t: Tenant) => string | void, string[]]>([
    ['an EC key', (t) => void Object.assign(bundle(t), { key: { kid: `https://${VAULT}.vault.azure.net/keys/${KEY_NAME}/${VERSION}`, kty: 'EC', crv: 'P-256', key_ops: ['sign', 'verify'], x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' } }), ['azure-keyvault-wrong-key-type']], // its operations follow from its type: only the type is reported,
    ['a disabled key', (t) => void (bundle(t).attributes.enabled = false), ['azure-keyvault-key-disabled']],
    ['an expired key', (t) => void (bundle(t).attributes.exp = now() - 86400), ['azure-keyvault-key-disabled']],
    ['a key not active yet', (t) => void (bundle(t).attributes.nbf = now() + 86400), ['azure-keyvault-key-disabled']],
    ['a key that allows wrapKey and unwrapKey but not encrypt and decrypt', (t) => void (bundle(t).key.key_ops = ['wrapKey', 'unwrapKey']), ['azure-keyvault-key-operation-forbidden']],
    ['a key name without the org- prefix and double dash', (t) => rename(t, 'openai-ekm'), ['azure-key-name-format']],
    ["a key name with another organization's id", (t) => rename(t, 'org-ZyXwVu9876543210zyxwvu98--openai-ekm'), ['azure-key-name-format']],
    ['a key that does not exist', () => `https://${VAULT}.vault.azure.net/keys/${ORG}--missing`, ['azure-keyvault-key-not-found', 'azure-keyvault-forbidden-rbac']],
    ["an RBAC vault with no role assignment for OpenAI's service principal", (t) => void (t.roleAssignments = []), ['azure-keyvault-forbidden-rbac']],
    ['a role assigned on another key only', (t) => void (t.roleAssignments[0].scope = `${VAULT_ID}/keys/${ORG}--other`), ['azure-keyvault-forbidden-rbac']],
    ['a role without the decrypt data action', (t) => void Object.values(t.roleDefinitions)[0].permissions[0].dataActions.splice(1, 1), ['azure-keyvault-forbidden-rbac']],
    ['a role with the key actions as control-plane actions', (t) => void Object.assign(Object.values(t.roleDefinitions)[0].permissions[0], { actions: Object.values(t.roleDefinitions)[0].permissions[0].dataActions, dataActions: [] }), ['azure-keyvault-forbidden-rbac', 'azure-keyvault-forbidden-rbac', 'azure-keyvault-forbidden-rbac']],
    ["an access-policy vault without OpenAI's policy", (t) => void Object.assign(vault(t), { enableRbacAuthorization: false, accessPolicies: [{ tenantId: TENANT, objectId: CLIENT.objectId, permissions: { keys: ['all'], secrets: [], certificates: [] } }] }), ['azure-keyvault-forbidden-access-policy', 'azure-keyvault-forbidden-access-policy']],
    ["OpenAI's service principal missing in the tenant", (t) => void (t.servicePrincipals = []), ['azure-service-principal-missing']],
    ['a firewall that denies by default, with trusted services allowed', (t) => void Object.assign(vault(t), { networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [{ value: '203.0.113.0/24' }], virtualNetworkRules: [] } }), ['azure-keyvault-forbidden-firewall']],
    ['public network access disabled', (t) => void (vault(t).publicNetworkAccess = 'Disabled'), ['azure-keyvault-forbidden-firewall']],
    ['a vault in another tenant', (t) => void (vault(t).tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47'), ['azure-service-principal-missing']],
  ])('fails %s with its symptom, article and fix', async (_name, change, ids) => {
    const key = change(fake.tenant) ?? KEY
    const r = await check([], key)
    expect(r.failed.map((c) => c.id)).toEqual(ids)
    expect(r.code).toBe(1)
    for (const f of r.failed) {
      expect(f.url).toBe(`/errors/${f.id}/`)
      expect(f.fix, f.name).toMatch(/^(az |SP_OBJECT_ID=|Save this as|A key's type)/m)
      expect(f.fix, f.name).not.toContain('<vault-name>')
    }
  })

  it('fills in the fix with the vault, the key and the ids it read', async () => {
    fake.tenant.roleAssignments = []
    Object.assign(bundle(fake.tenant).attributes, { enabled: false })
    const r = await check()
    expect(r.failed.find((c) => c.id === 'azure-keyvault-key-disabled')?.fix).toBe(`az keyvault key set-attributes --vault-name ${VAULT} --name ${KEY_NAME} --version ${VERSION} --enabled true`)
    expect(r.failed.find((c) => c.id === 'azure-keyvault-forbidden-rbac')?.fix).toContain(`VAULT_ID=$(az keyvault show --name ${VAULT} --query id --output tsv)`)
    expect(r.failed.find((c) => c.id === 'azure-keyvault-forbidden-rbac')?.fix).toContain(`--scope "$VAULT_ID/keys/${KEY_NAME}"`)
  })

  it("checks OpenAI's access policy on an access-policy vault", async () => {
    const policies = [{ tenantId: TENANT, objectId: OPENAI_SP_ID, permissions: { keys: ['get', 'wrapKey'], secrets: [], certificates: [] } }]
    Object.assign(vault(fake.tenant), { enableRbacAuthorization: false, accessPolicies: policies })
    const partial = await check()
    const policy = "Access policy lets OpenAI's service principal get, encrypt and decrypt"
    expect(partial.named(policy)).toMatchObject({ status: 'fail', id: 'azure-keyvault-forbidden-access-policy', fix: `az keyvault set-policy --name ${VAULT} --object-id ${OPENAI_SP_ID} --key-permissions get wrapKey encrypt decrypt` })
    // Role assignments grant nothing on such a vault: the check does not read them.
    expect(fake.requests.some((q) => q.path.includes('roleAssignments'))).toBe(false)
    policies[0].permissions.keys = ['Get', 'Encrypt', 'Decrypt']
    const full = await check()
    expect(full.named(policy)?.status).toBe('pass')
    // OpenAI documents only the RBAC model, so the vault's model still fails, as for a pasted `az keyvault show`.
    expect(full.failed.map((c) => c.id)).toEqual(['azure-keyvault-forbidden-access-policy'])
  })

  it('says which read permission it lacks, and goes on (Key Vault ForbiddenByRbac)', async () => {
    fake.tenant.errors.getKey = keyVaultForbiddenByRbac(fake.tenant, VAULT, 'Microsoft.KeyVault/vaults/keys/read', `${VAULT_ID}/keys/${KEY_NAME}`)
    const r = await check()
    expect(r.named('Key can be read')).toMatchObject({ status: 'skip', detail: 'Could not check: your credentials lack Microsoft.KeyVault/vaults/keys/read on the key (a data action) (ForbiddenByRbac).' })
    expect(r.named("Role assigned to OpenAI's service principal on the key")?.status).toBe('pass')
    // Nothing failed, but the key itself was not checked: a CI job must not read that as healthy.
    expect(r.report.summary).toMatchObject({ fail: 0, undecided: 1 })
    expect(r.code).toBe(3)
  })

  it('says which read permission it lacks, and goes on (ARM AuthorizationFailed, Graph Authorization_RequestDenied)', async () => {
    fake.tenant.errors.vaults = armAuthorizationFailed(fake.tenant, 'Microsoft.KeyVault/vaults/read', `/subscriptions/${SUBSCRIPTION}`)
    fake.tenant.errors.servicePrincipals = graphDenied()
    const r = await check()
    expect(r.named('Vault settings can be read')).toMatchObject({ status: 'skip', detail: expect.stringContaining('your credentials lack Microsoft.KeyVault/vaults/read') })
    expect(r.named('Vault settings can be read')?.detail).toContain('(AuthorizationFailed)')
    expect(r.named("OpenAI's service principal exists in the tenant")).toMatchObject({ status: 'skip', detail: expect.stringContaining('(Authorization_RequestDenied)') })
    expect(r.named("OpenAI's service principal can use the key")?.status).toBe('skip')
    expect(r.named('Key type is RSA')?.status).toBe('pass')
    expect(r.code).toBe(3)
  })

  it('says where it looked when it cannot find the vault', async () => {
    fake.tenant.subscriptions = []
    const r = await check()
    expect(r.named('Vault settings can be read')).toMatchObject({ status: 'skip', detail: `Could not check: none of the 0 subscriptions your credentials can see in tenant ${TENANT} has a vault named ${VAULT}; pass the subscription that holds it with --subscription.` })
    expect(r.code).toBe(3)
  })

  it('reports throttling as could-not-check after three attempts that honour Retry-After', async () => {
    fake.tenant.errors.getKey = throttled()
    const started = Date.now()
    const r = await check()
    expect(r.named('Key can be read')).toMatchObject({ status: 'skip', detail: expect.stringContaining('Key Vault throttled the request (Throttled) on each of 3 attempts') })
    expect(fake.requests.filter((q) => q.host === `${VAULT}.vault.azure.net` && q.token)).toHaveLength(3)
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000) // Retry-After: 1, twice
    expect(r.code).toBe(3)
  })

  it('fails expired or invalid credentials with Entra ID\'s own words and stops there', async () => {
    fake.tenant.client.secret = 'a-rotated-secret'
    const r = await check()
    expect(r.failed).toHaveLength(1)
    expect(r.failed[0]).toMatchObject({ name: 'Credentials work', id: 'azure-client-credentials-invalid', detail: `Microsoft Entra ID gave your credentials no token for tenant ${TENANT}: AADSTS7000215: Invalid client secret is provided.` })
    expect(r.failed[0].fix).toContain(`az ad app credential reset --id ${CLIENT.appId} --append`)
    expect(r.report.checks.slice(1).every((c) => c.status === 'skip')).toBe(true)
    expect(r.code).toBe(1)
  })

  it('says so when AZURE_TENANT_ID names another tenant than --tenant', async () => {
    const r = await check([], KEY, { ...azureEnv(), AZURE_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47' })
    expect(r.failed[0]).toMatchObject({ name: 'Credentials work', id: 'azure-tenant-not-found', detail: expect.stringContaining(`not configured to acquire tokens for tenant ${TENANT}`), fix: `export AZURE_TENANT_ID=${TENANT}   # the vault's tenant, as given with --tenant` })
    expect(fake.requests).toEqual([])
    expect(r.code).toBe(1)
  })

  it('fails fast and clearly without any credentials, asking no managed identity endpoint', async () => {
    const started = Date.now()
    const r = await check([], KEY, azureEnv(false))
    expect(Date.now() - started).toBeLessThan(5000)
    expect(r.failed[0]).toMatchObject({ name: 'Credentials work', id: 'azure-client-credentials-invalid', detail: expect.stringMatching(/^No Azure credentials found: run az login --tenant /) })
    expect(r.failed[0].fix).toContain(`az login --tenant ${TENANT}`)
    expect(fake.requests).toEqual([])
    expect(r.code).toBe(1)
  })

  it('says plainly when Azure cannot be reached, and quickly', async () => {
    const closed = await startFakeAzure(goodTenant())
    await closed.close() // nothing listens on its port any more
    const started = Date.now()
    const r = await check([], KEY, azureEnv(true, closed.proxy))
    expect(Date.now() - started).toBeLessThan(8000)
    expect(r.report.checks[0]).toMatchObject({ name: 'Credentials work', status: 'skip', detail: expect.stringContaining('Could not reach Microsoft Entra ID') })
    expect(r.report.summary.fail).toBe(0)
    expect(r.code).toBe(3)
  })

  it('refuses bad arguments with exit code 2', async () => {
    process.env = azureEnv()
    const { io, out } = memoryIo()
    const run = (args: string[]) => main(['check', 'azure', ...args], io)
    expect(await run(['--key', KEY, '--org', ORG])).toBe(2)
    expect(await run(['--key', `https://127.0.0.1:8443/keys/${KEY_NAME}`, '--tenant', TENANT, '--org', ORG])).toBe(2)
    expect(await run(['--key', `https://${VAULT}.managedhsm.azure.net/keys/${KEY_NAME}`, '--tenant', TENANT, '--org', ORG])).toBe(2)
    expect(await run(['--key', KEY, '--tenant', 'contoso.onmicrosoft.com', '--org', ORG])).toBe(2)
    expect(await run(['--key', KEY, '--tenant', TENANT, '--org', 'proj_AbCdEf0123456789'])).toBe(2)
    expect(await run(['--key', KEY, '--tenant', TENANT, '--org', ORG, '--subscription', 'prod'])).toBe(2)
    expect(out.stderr).toContain('ekm-doctor check azure --key https://<vault>.vault.azure.net/keys/<name>')
    expect(fake.requests).toEqual([])
  })

  it('shows progress on a terminal', async () => {
    const env = azureEnv()
    process.env = env
    const { io, out } = memoryIo({}, '', env as Record<string, string>)
    io.stdoutIsTty = true
    expect(await main(['check', 'azure', '--key', KEY, '--tenant', TENANT, '--org', ORG, '--no-color'], io)).toBe(0)
    expect(out.stdout).toContain('  … Key can be read\r\x1b[K✔ Key can be read')
  })

  it('runs as the installed binary with human output and never prints the client secret', async () => {
    vault(fake.tenant).networkAcls = { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] }
    // A child process trusts the fake's certificate the way a user's Node would: NODE_EXTRA_CA_CERTS.
    const env = { ...azureEnv(), NODE_EXTRA_CA_CERTS: fake.certificateFile, NO_COLOR: '1' }
    const r = await promisify(execFile)('npx', ['ekm-doctor', 'check', 'azure', '--key', KEY, '--tenant', TENANT, '--org', ORG], { encoding: 'utf8', env }).catch((e: { code: number; stdout: string; stderr: string }) => e)
    expect('code' in r ? r.code : 0).toBe(1)
    expect(r.stdout).toContain('✔ Credentials work')
    expect(r.stdout).toContain("✘ Vault accepts calls from OpenAI's network")
    expect(r.stdout).toContain('Symptom: azure-keyvault-forbidden-firewall')
    expect(r.stdout).toMatch(/\n\d+ passed, 1 failed, 0 could not be checked\.\n$/)
    expect(r.stdout + r.stderr).not.toContain(CLIENT.secret)
  }, 30_000) // a fresh Node process loading the Azure SDK
})
