// `ekm-doctor check aws` through the real AWS SDK over HTTP, against a local endpoint that speaks
// KMS's awsJson 1.1 and IAM/STS's awsQuery, with AWS's real error shapes.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.ts'
import { memoryIo } from '../support/io.ts'
import { ACCOUNT, ALIAS, goodAccount, KEY, ORG, ROLE } from '../support/aws-account.ts'
import { startFakeAws, type Account, type FakeAws } from '../support/fake-aws.ts'

let fake: FakeAws
const saved = { ...process.env }

beforeAll(async () => {
  fake = await startFakeAws(goodAccount())
})
afterAll(async () => {
  await fake.close()
})
afterEach(() => {
  process.env = { ...saved }
  fake.account = goodAccount()
  fake.calls.length = 0
})

function useEndpoint(credentials = true) {
  process.env.AWS_ENDPOINT_URL = fake.url
  process.env.AWS_EC2_METADATA_DISABLED = 'true'
  process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config'
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials'
  delete process.env.AWS_PROFILE
  delete process.env.AWS_SESSION_TOKEN
  if (credentials) {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
  } else {
    delete process.env.AWS_ACCESS_KEY_ID
    delete process.env.AWS_SECRET_ACCESS_KEY
  }
}

interface Report {
  checks: { name: string; status: 'pass' | 'fail' | 'skip'; id?: string; url?: string; detail: string; fix?: string }[]
  summary: { pass: number; fail: number; skip: number; undecided: number }
}

async function check(extra: string[] = [], key = KEY, credentials = true) {
  useEndpoint(credentials)
  const { io, out } = memoryIo()
  const code = await main(['check', 'aws', '--key', key, '--role', ROLE, '--org', ORG, '--json', ...extra], io)
  const { stdout, stderr } = out
  const report = stdout ? (JSON.parse(stdout) as Report) : undefined
  return { code, report: report!, stderr, failed: report?.checks.filter((c) => c.status === 'fail') ?? [] }
}

describe('check aws', () => {
  it('passes a correct setup, read-only', async () => {
    const r = await check()
    expect(r.failed).toEqual([])
    expect(r.code).toBe(0)
    expect(r.report.summary.skip).toBe(0)
    expect(r.report.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['Credentials work', 'Key resolves', 'Key spec is SYMMETRIC_DEFAULT', 'Lets the role use the key (IAM delegation or an explicit allow)', "Trusts OpenAI's role for sts:AssumeRole", 'Allows kms:Encrypt on the key ARN']))
    expect(fake.calls.every((c) => !/Encrypt|Decrypt|Put|Create|Update|Delete/.test(c))).toBe(true)
  })

  it('resolves an alias to its key', async () => {
    const r = await check([], ALIAS)
    expect(r.code).toBe(0)
    expect(r.report.checks.find((c) => c.name === 'Key resolves')?.detail).toContain(KEY)
  })

  it('round-trips only when asked, and says what it proves', async () => {
    const r = await check(['--roundtrip'])
    expect(r.code).toBe(0)
    // Your own round trip does not decide OpenAI's access: when AWS throttles it, the answer stands.
    fake.account.errors.Encrypt = { status: 400, code: 'ThrottlingException', message: 'Rate exceeded' }
    expect((await check(['--roundtrip'])).code).toBe(0)
    expect(fake.calls).toEqual(expect.arrayContaining(['kms:Encrypt', 'kms:Decrypt']))
    expect(r.report.checks.at(-1)?.detail).toMatch(/not OpenAI's access/)
  })

  it.each<[string, (a: Account) => void, string[]]>([
    ['an RSA key', (a) => Object.assign(a.keys[KEY], { KeySpec: 'RSA_2048', CustomerMasterKeySpec: 'RSA_2048' }), ['aws-kms-wrong-key-type']],
    ['a disabled key', (a) => Object.assign(a.keys[KEY], { KeyState: 'Disabled', Enabled: false }), ['aws-kms-key-disabled']],
    ['a key pending deletion', (a) => Object.assign(a.keys[KEY], { KeyState: 'PendingDeletion', Enabled: false, DeletionDate: 1798761600 }), ['aws-kms-key-pending-deletion']],
    ['a key policy without IAM delegation', (a) => (a.keyPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/admin` }, Action: 'kms:*', Resource: '*' }] }), ['aws-kms-access-denied-key-policy']],
    ['a trust policy without ExternalId', (a) => delete (a.role!.trust.Statement as { Condition?: unknown }[])[0].Condition, ['aws-assume-role-denied']],
    ['a trust policy with the wrong principal', (a) => ((a.role!.trust.Statement as { Principal: { AWS: string } }[])[0].Principal.AWS = `arn:aws:iam::${ACCOUNT}:root`), ['aws-assume-role-denied']],
    ['an IAM policy on the alias ARN only', (a) => ((a.role!.inline['openai-ekm'].Statement as { Resource: string }[])[0].Resource = ALIAS), ['aws-kms-access-denied-identity-policy', 'aws-kms-access-denied-identity-policy']],
    ['an explicit deny in the key policy', (a) => (a.keyPolicy.Statement as unknown[]).push({ Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0abc' } } }), ['aws-kms-access-denied-explicit-deny']],
    ['a role that does not exist', (a) => delete a.role, ['aws-assume-role-denied']],
  ])('fails %s with its symptom, article and fix', async (_name, change, ids) => {
    change(fake.account)
    const r = await check()
    expect(r.code).toBe(1)
    expect(r.failed.map((c) => c.id)).toEqual(ids)
    for (const f of r.failed) {
      expect(f.url).toBe(`/errors/${f.id}/`)
      expect(f.fix, f.name).toBeTruthy()
    }
  })

  it('attached policies count, and name the policy in the evidence', async () => {
    const role = fake.account.role!
    role.attached = { [`arn:aws:iam::${ACCOUNT}:policy/ekm`]: { name: 'ekm', doc: role.inline['openai-ekm'] } }
    role.inline = {}
    const r = await check()
    expect(r.failed).toEqual([])
    expect(r.report.checks.find((c) => c.name === 'Allows kms:Encrypt on the key ARN')?.detail).toContain('ekm/AllowEncryptDecrypt')
  })

  it('says which permission it lacks and goes on', async () => {
    fake.account.errors.GetRole = { status: 403, code: 'AccessDenied', message: `User: arn:aws:iam::${ACCOUNT}:user/platform-admin is not authorized to perform: iam:GetRole on resource: role openai-ekm` }
    const r = await check()
    const role = r.report.checks.find((c) => c.name.startsWith('Role trusts'))!
    expect(role).toMatchObject({ status: 'skip' })
    expect(role.detail).toContain('iam:GetRole')
    expect(r.report.checks.find((c) => c.name === 'Allows kms:Encrypt on the key ARN')?.status).toBe('pass')
    // Nothing failed, but the trust policy was not checked: a CI job must not read that as healthy.
    expect(r.code).toBe(3)
    expect(r.report.summary).toMatchObject({ fail: 0, undecided: 1 })
  })

  it('reports throttling as could-not-check after bounded retries', async () => {
    fake.account.errors.DescribeKey = { status: 400, code: 'ThrottlingException', message: 'Rate exceeded' }
    const r = await check()
    expect(r.report.checks.find((c) => c.name === 'Key resolves')).toMatchObject({ status: 'skip', detail: expect.stringContaining('throttled') })
    expect(fake.calls.filter((c) => c === 'kms:DescribeKey').length).toBe(3)
    expect(r.code).toBe(3)
    expect(r.report.summary.undecided).toBeGreaterThan(0)
  })

  it('explains missing credentials and expired tokens, and stops there', async () => {
    const none = await check([], KEY, false)
    expect(none.failed[0]).toMatchObject({ id: 'aws-credentials-invalid', detail: expect.stringContaining('No AWS credentials found') })
    fake.account.caller = { status: 403, code: 'ExpiredToken', message: 'The security token included in the request is expired' }
    const expired = await check()
    expect(expired.failed[0]).toMatchObject({ id: 'aws-credentials-invalid', detail: expect.stringContaining('expired') })
    expect(expired.report.checks.slice(1).every((c) => c.status === 'skip')).toBe(true)
  })

  it('says plainly when AWS cannot be reached', async () => {
    const closed = await startFakeAws(goodAccount())
    await closed.close() // nothing listens on this port any more
    const url = closed.url
    useEndpoint()
    process.env.AWS_ENDPOINT_URL = url
    const { io, out } = memoryIo()
    // Nothing could be checked: not a failure of the setup, and not a pass either.
    expect(await main(['check', 'aws', '--key', KEY, '--role', ROLE, '--org', ORG, '--json'], io)).toBe(3)
    const report = JSON.parse(out.stdout) as Report
    expect(report.checks[0]).toMatchObject({ name: 'Credentials work', status: 'skip', detail: expect.stringContaining('Could not reach AWS STS') })
  })

  it('refuses bad arguments with exit code 2', async () => {
    useEndpoint()
    const { io } = memoryIo()
    expect(await main(['check', 'aws', '--key', 'not-an-arn', '--role', ROLE, '--org', ORG], io)).toBe(2)
    expect(await main(['check', 'aws', '--key', KEY, '--role', ROLE], io)).toBe(2)
    expect(await main(['check', 'gcp'], io)).toBe(2)
  })

  it('runs as the installed binary with human output and never prints the secret key', async () => {
    useEndpoint()
    // Asynchronous: the fake endpoint lives in this process and must keep answering.
    const r = await promisify(execFile)('npx', ['ekm-doctor', 'check', 'aws', '--key', KEY, '--role', ROLE, '--org', ORG], { encoding: 'utf8', env: process.env })
    expect(r.stdout).toContain('✔ Credentials work')
    expect(r.stdout).toMatch(/\d+ passed, 0 failed, 0 could not be checked/)
    expect(r.stdout + r.stderr).not.toContain(process.env.AWS_SECRET_ACCESS_KEY)
  }, 30_000) // a fresh Node process loading the AWS SDK
})
