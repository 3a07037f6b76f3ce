// `ekm-doctor check gcp` through Google's real client libraries over HTTP (@google-cloud/kms's REST
// transport, google-auth-library with an authorized_user ADC file), against a local endpoint that
// speaks Cloud KMS, IAM, Service Usage and OAuth with Google's error bodies. Nothing leaves 127.0.0.1.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.ts'
import { memoryIo } from '../support/io.ts'
import { denied, googleError, isWrite, startFakeGcp, type Cloud, type FakeGcp, type Json } from '../support/fake-gcp.ts'
import { goodCloud, KEY, KMS_PROJECT, ORG, POOL, PRINCIPAL, PROVIDER, SERVICE_ACCOUNT, WIF_PROJECT_NUMBER } from '../support/gcp-project.ts'

let fake: FakeGcp
let dir: string
const saved = { ...process.env }

/** Never a metadata server, never a real gcloud login: only the files and endpoint a test names. */
function offline() {
  process.env.GCE_METADATA_HOST = '127.0.0.1:1'
  process.env.METADATA_SERVER_DETECTION = 'none'
  process.env.NO_GCE_CHECK = 'true'
  process.env.CLOUDSDK_CONFIG = join(dir, 'gcloud') // no application_default_credentials.json in it
  for (const name of ['GOOGLE_APPLICATION_CREDENTIALS', 'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT', 'GOOGLE_CLOUD_QUOTA_PROJECT', 'GOOGLE_CLOUD_UNIVERSE_DOMAIN']) delete process.env[name]
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'check-gcp-'))
  mkdirSync(join(dir, 'gcloud'))
  // What `gcloud auth application-default login` writes; the token endpoint is redirected to the fake.
  writeFileSync(join(dir, 'adc.json'), JSON.stringify({ type: 'authorized_user', client_id: '764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com', client_secret: 'd-FL95Q19q7MQmFpd7hHD0Ty', refresh_token: '1//0fake-refresh-token' }))
  offline()
  fake = await startFakeGcp(goodCloud())
})
afterAll(async () => {
  await fake.close()
  rmSync(dir, { recursive: true, force: true })
})
afterEach(() => {
  // Read-only in every scenario: no write method, no POST but a token or a getIamPolicy read.
  expect(fake.requests.filter(isWrite)).toEqual([])
  expect(fake.requests.filter((r) => r.op !== 'token' && r.as === 'none')).toEqual([])
  process.env = { ...saved }
  fake.cloud = goodCloud()
  fake.requests.length = 0
})

interface Report {
  checks: { name: string; status: 'pass' | 'fail' | 'skip'; id?: string; url?: string; detail: string; fix?: string }[]
  summary: { pass: number; fail: number; skip: number; undecided: number }
}

async function check(extra: string[] = [], { credentials = true, endpoint = fake.url } = {}) {
  offline()
  if (credentials) process.env.GOOGLE_APPLICATION_CREDENTIALS = join(dir, 'adc.json')
  const { io, out } = memoryIo({}, '', { EKM_DOCTOR_GCP_ENDPOINT: endpoint })
  const started = Date.now()
  const code = await main(['check', 'gcp', '--key', KEY, '--provider', PROVIDER, '--org', ORG, '--json', ...extra], io)
  const report = out.stdout ? (JSON.parse(out.stdout) as Report) : undefined
  const find = (name: string) => report!.checks.find((c) => c.name === name)
  return { code, report: report!, stderr: out.stderr, ms: Date.now() - started, find, failed: report?.checks.filter((c) => c.status === 'fail') ?? [] }
}

const key = (c: Cloud) => c.keys[KEY] as { purpose: string; primary?: Json; versionTemplate: Json }
const provider = (c: Cloud) => c.providers[PROVIDER] as Json & { oidc: { allowedAudiences: string[] } }

describe('check gcp', () => {
  it('passes a correct setup, read-only, through the real client libraries', async () => {
    const r = await check()
    expect(r.failed).toEqual([])
    expect(r.code).toBe(0)
    expect(r.report.summary).toMatchObject({ fail: 0, skip: 0, undecided: 0 })
    expect(r.report.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Credentials work', "Cloud KMS API is enabled in the key's project", 'Key resolves', 'Purpose is ENCRYPT_DECRYPT', 'Primary version is ENABLED', "Grants cloudkms.cryptoKeyVersions.useToEncrypt to OpenAI's principal", "Grants cloudkms.cryptoKeyVersions.useToDecrypt to OpenAI's principal", 'Workload identity pool is active and enabled', 'Issuer is https://accounts.google.com', "Attribute condition admits OpenAI's subject", 'Allowed audiences include your OpenAI org id', 'Cloud KMS API is enabled in the workload identity project']),
    )
    expect(r.find('Key resolves')?.detail).toMatch(/protection level SOFTWARE, rotated every 90 days \(next 2026-04-05T10:00:00.000Z\).*kms_key_location us-east1/)
    // @google-cloud/kms asked for numeric enums and got numbers: the purpose and state above were decoded from them.
    expect(fake.requests.find((q) => q.op === 'kms.getCryptoKey')?.query).toContain('enum-encoding=int')
    expect(fake.requests.map((r) => r.op)).toEqual(['token', 'serviceusage.getService', 'kms.getCryptoKey', 'kms.getIamPolicy', 'iam.getPool', 'iam.getProvider', 'serviceusage.getService'])
  })

  it.each<[string, (c: Cloud) => void, string[]]>([
    ['an asymmetric key', (c) => (Object.assign(key(c), { purpose: 'ASYMMETRIC_DECRYPT', versionTemplate: { protectionLevel: 'HSM', algorithm: 'RSA_DECRYPT_OAEP_2048_SHA256' } }), delete key(c).primary), ['gcp-kms-wrong-key-purpose']],
    ['a disabled primary version', (c) => (key(c).primary!.state = 'DISABLED'), ['gcp-kms-key-version-not-enabled']],
    ['a destroyed primary version', (c) => Object.assign(key(c).primary!, { state: 'DESTROYED', destroyEventTime: '2026-02-01T00:00:00Z' }), ['gcp-kms-key-version-not-enabled']],
    ["a key policy without OpenAI's principal", (c) => (c.keyPolicies[KEY].bindings = [{ role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', members: ['user:platform-admin@example.com'] }]), ['gcp-kms-permission-denied', 'gcp-kms-permission-denied']],
    ['a provider whose audience is another org', (c) => (provider(c).oidc.allowedAudiences = ['org-Personal0123456789abcdef']), ['gcp-sts-audience-mismatch']],
    ["an attribute condition that rejects OpenAI's subject", (c) => (provider(c).attributeCondition = "assertion.repository_owner == 'acme'"), ['gcp-sts-attribute-condition-rejected']],
    ['a disabled provider', (c) => (provider(c).disabled = true), ['gcp-sts-provider-invalid']],
    ['a deleted provider', (c) => Object.assign(provider(c), { state: 'DELETED', expireTime: '2026-03-01T00:00:00Z' }), ['gcp-sts-provider-invalid']],
    ['a disabled pool', (c) => (c.pools[POOL].disabled = true), ['gcp-sts-provider-invalid']],
    ["the Cloud KMS API off in the pool's project", (c) => (c.services[WIF_PROJECT_NUMBER].state = 'DISABLED'), ['gcp-kms-api-disabled']],
    ['a key that does not exist', (c) => delete c.keys[KEY], ['gcp-kms-not-found']], // its IAM policy is then not read
  ])('fails %s with its symptom, article and fix', async (_name, change, ids) => {
    change(fake.cloud)
    const r = await check()
    expect(r.failed.map((c) => c.id)).toEqual(ids)
    expect(r.code).toBe(1)
    for (const f of r.failed) {
      expect(f.url).toBe(`/errors/${f.id}/`)
      expect(f.fix, f.name).toMatch(/^gcloud |^Create a new key|^A destroyed version/)
      expect(f.fix, f.name).not.toMatch(/<(?!KEY_NAME>)[A-Z_]+>/) // every value filled in but a new key's name
    }
  })

  it('fills the fix with the key and the pool that --provider names', async () => {
    fake.cloud.keyPolicies[KEY].bindings = []
    const r = await check()
    expect(r.failed[0].fix).toBe(`gcloud kms keys add-iam-policy-binding openai-ekm-key --keyring=openai-ekm --location=us-east1 --project=${KMS_PROJECT} --member='${PRINCIPAL}' --role=roles/cloudkms.cryptoKeyEncrypterDecrypter`)
    fake.cloud.services[WIF_PROJECT_NUMBER].state = 'DISABLED'
    expect((await check()).failed.at(-1)?.fix).toBe(`gcloud services enable cloudkms.googleapis.com --project=${WIF_PROJECT_NUMBER}`)
  })

  it("does not count OpenAI's subject in another pool", async () => {
    fake.cloud.keyPolicies[KEY].bindings = [{ role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', members: [PRINCIPAL.replace('openai-ekm-pool', 'github-pool')] }]
    const r = await check()
    expect(r.failed.map((c) => c.id)).toEqual(['gcp-kms-permission-denied', 'gcp-kms-permission-denied'])
    expect(r.failed[0].detail).toContain('github-pool')
  })

  it('says a key granted to a service account is not how OpenAI reaches it, and reads that account\'s binding', async () => {
    fake.cloud.keyPolicies[KEY].bindings = [{ role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', members: [`serviceAccount:${SERVICE_ACCOUNT}`] }]
    fake.cloud.serviceAccountPolicies[SERVICE_ACCOUNT] = { version: 1, etag: 'BwYmvQ3R2xB=', bindings: [{ role: 'roles/iam.workloadIdentityUser', members: [PRINCIPAL] }] }
    const r = await check()
    expect(r.failed.map((c) => c.id)).toEqual(['gcp-kms-permission-denied', 'gcp-kms-permission-denied', 'gcp-impersonation-denied'])
    expect(r.failed[2].detail).toMatch(/lets OpenAI's principal impersonate it.*OpenAI does not use a service account/)
    expect(r.failed[2].fix).toContain(PRINCIPAL)
    expect(fake.requests.map((q) => q.op)).toContain('iam.getServiceAccountIamPolicy')
    expect(r.code).toBe(1)
  })

  it('reads as the service account given with --impersonate-service-account', async () => {
    const r = await check(['--impersonate-service-account', SERVICE_ACCOUNT])
    expect(r.code).toBe(0)
    expect(r.find('Credentials work')?.detail).toContain(`service account ${SERVICE_ACCOUNT}, impersonated by your application default login`)
    const reads = fake.requests.filter((q) => !['token', 'generateAccessToken'].includes(q.op))
    expect(reads.length).toBeGreaterThan(0)
    expect(reads.every((q) => q.as === SERVICE_ACCOUNT)).toBe(true)
  })

  it('fails when your credentials may not impersonate the service account, and names the binding', async () => {
    fake.cloud.impersonable = []
    const r = await check(['--impersonate-service-account', SERVICE_ACCOUNT])
    expect(r.failed).toEqual([expect.objectContaining({ name: 'Credentials work', id: 'gcp-impersonation-denied', fix: `gcloud iam service-accounts add-iam-policy-binding ${SERVICE_ACCOUNT} --member=user:<your-email> --role=roles/iam.serviceAccountTokenCreator` })])
    expect(r.failed[0].detail).toContain("Permission 'iam.serviceAccounts.getAccessToken' denied")
    expect(r.report.checks.slice(1).every((c) => c.status === 'skip')).toBe(true)
    expect(r.code).toBe(1)
  })

  it('says which permission it lacks and goes on', async () => {
    fake.cloud.errors['kms.getIamPolicy'] = denied('cloudkms.googleapis.com', 'cloudkms.cryptoKeys.getIamPolicy', KEY)
    const r = await check()
    expect(r.find("Key's IAM policy grants OpenAI's principal")).toMatchObject({ status: 'skip', detail: expect.stringContaining('your credentials lack cloudkms.cryptoKeys.getIamPolicy') })
    expect(r.find('Allowed audiences include your OpenAI org id')?.status).toBe('pass')
    expect(r.find('Purpose is ENCRYPT_DECRYPT')?.status).toBe('pass')
    // Nothing failed, but the key grant was not checked: a CI job must not read that as healthy.
    expect(r.code).toBe(3)
    expect(r.report.summary).toMatchObject({ fail: 0, undecided: 1 })
  })

  it('reports throttling as could-not-check after three attempts', async () => {
    fake.cloud.errors['kms.getCryptoKey'] = googleError(429, 'RESOURCE_EXHAUSTED', "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service 'cloudkms.googleapis.com' for consumer 'project_number:210987654321'.", {
      reason: 'RATE_LIMIT_EXCEEDED',
      domain: 'googleapis.com',
      metadata: { consumer: 'projects/210987654321', quota_limit: 'ReadRequestsPerMinutePerProject', quota_limit_value: '300', quota_location: 'global', quota_metric: 'cloudkms.googleapis.com/read_requests', service: 'cloudkms.googleapis.com' },
    })
    const r = await check()
    expect(r.find('Key resolves')).toMatchObject({ status: 'skip', detail: expect.stringContaining('throttled the request (RESOURCE_EXHAUSTED) after 3 attempts') })
    expect(fake.requests.filter((q) => q.op === 'kms.getCryptoKey')).toHaveLength(3)
    expect(r.code).toBe(3)
  })

  it('explains expired credentials and stops there', async () => {
    fake.cloud.errors.token = { status: 400, code: 'invalid_grant', message: 'Token has been expired or revoked.' }
    const r = await check()
    expect(r.failed).toEqual([expect.objectContaining({ id: 'gcp-credentials-invalid', fix: 'gcloud auth application-default login', detail: expect.stringContaining('invalid_grant: Token has been expired or revoked.') })])
    expect(r.report.checks.slice(1).every((c) => c.status === 'skip')).toBe(true)
    expect(r.code).toBe(1)
  })

  it('fails fast without credentials instead of waiting on a metadata server', async () => {
    // As outside Google Cloud: detection left to the tool, a metadata address that would only time out.
    const r = await check([], { credentials: false })
    delete process.env.METADATA_SERVER_DETECTION
    const unset = await check([], { credentials: false })
    for (const run of [r, unset]) {
      expect(run.failed[0]).toMatchObject({ name: 'Credentials work', id: 'gcp-credentials-invalid', detail: expect.stringContaining('No Google Cloud credentials found: run gcloud auth application-default login'), fix: 'gcloud auth application-default login' })
      expect(run.code).toBe(1)
      expect(run.ms).toBeLessThan(1500)
    }
    expect(fake.requests).toEqual([])
  })

  it('says plainly when Google cannot be reached, quickly', async () => {
    const closed = await startFakeGcp(goodCloud())
    await closed.close() // nothing listens on this port any more
    const r = await check([], { endpoint: closed.url })
    // Nothing could be checked: not a failure of the setup, and not a pass either.
    expect(r.code).toBe(3)
    expect(r.report.checks[0]).toMatchObject({ name: 'Credentials work', status: 'skip', detail: expect.stringContaining('ECONNREFUSED') })
    expect(r.ms).toBeLessThan(5000)
  })

  it('refuses bad arguments with exit code 2', async () => {
    const { io, out } = memoryIo()
    const run = (...args: string[]) => main(['check', 'gcp', ...args], io)
    expect(await run('--key', KEY, '--provider', PROVIDER)).toBe(2)
    expect(await run('--key', `${KEY}/cryptoKeyVersions/1`, '--provider', PROVIDER, '--org', ORG)).toBe(2)
    expect(await run('--key', KEY, '--provider', PROVIDER.replace(WIF_PROJECT_NUMBER, 'acme-wif'), '--org', ORG)).toBe(2)
    expect(await run('--key', KEY, '--provider', PROVIDER, '--org', 'acme')).toBe(2)
    expect(await run('--key', KEY, '--provider', PROVIDER, '--org', ORG, '--impersonate-service-account', 'ekm-reader')).toBe(2)
    expect(out.stderr).toContain('project number')
    expect(fake.requests).toEqual([])
  })

  it('is in the help and the shell completion', async () => {
    const { io, out } = memoryIo()
    expect(await main(['check', '--help'], io)).toBe(0)
    expect(out.stdout).toContain('ekm-doctor check gcp --key <key-resource-name> --provider <provider-resource-name> --org <org-or-project-id>')
    expect(await main(['completion', 'fish'], io)).toBe(0)
    expect(out.stdout).toMatch(/-a 'aws gcp azure'/)
    expect(out.stdout).toContain('-l impersonate-service-account -x')
  })

  it('shows progress on a terminal', async () => {
    offline()
    process.env.GOOGLE_APPLICATION_CREDENTIALS = join(dir, 'adc.json')
    const { io, out } = memoryIo({}, '', { EKM_DOCTOR_GCP_ENDPOINT: fake.url })
    io.stdoutIsTty = true
    expect(await main(['check', 'gcp', '--key', KEY, '--provider', PROVIDER, '--org', ORG, '--no-color'], io)).toBe(0)
    expect(out.stdout).toContain('  … Key resolves\r\x1b[K✔ Key resolves — ')
  })

  it('runs as the installed binary with human output and never prints the refresh token', async () => {
    offline()
    process.env.GOOGLE_APPLICATION_CREDENTIALS = join(dir, 'adc.json')
    // Asynchronous: the fake endpoint lives in this process and must keep answering.
    const r = await promisify(execFile)('npx', ['ekm-doctor', 'check', 'gcp', '--key', KEY, '--provider', PROVIDER, '--org', ORG], { encoding: 'utf8', env: { ...process.env, EKM_DOCTOR_GCP_ENDPOINT: fake.url } })
    expect(r.stdout).toContain('✔ Credentials work')
    expect(r.stdout).toMatch(/\d+ passed, 0 failed, 0 could not be checked/)
    expect(r.stdout + r.stderr).not.toMatch(/1\/\/0fake-refresh-token|ya29\./)
  }, 30_000) // a fresh Node process loading Google's libraries
})
