// `ekm-doctor` through main() with files and stdin in memory, and once as the real binary.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.ts'
import { memoryIo } from '../support/io.ts'
import { diagnoser } from '../support/engine.ts'
import { splitTerraform } from '../support/split-terraform.ts'
import { leaked, SECRET_FORMS, WRAPPERS } from '../support/secrets.ts'

const DISABLED = 'An error occurred (DisabledException) when calling the Encrypt operation: arn:aws:kms:us-east-1:111111111111:key/5a7c9e1b-2d4f-4a6b-8c0d-1e2f3a4b5c6d is disabled.'
const AADSTS = 'AADSTS7000229: The client application 20a14814-5ab7-4612-a671-1382b412bf93 is missing service principal in the tenant 11111111-2222-3333-4444-555555555555.'
const JUNK = "TypeError: Cannot read properties of undefined (reading 'map')"

async function run(argv: string[], files: Record<string, string | Uint8Array> = {}, stdin = '') {
  const { io, out } = memoryIo(files, stdin, { EKM_DOCTOR_SITE: 'https://kb.test' })
  const code = await main(argv, io)
  return { code, ...out }
}

describe('diagnose', () => {
  it('reads stdin and explains the match for a human', async () => {
    const r = await run(['diagnose'], {}, DISABLED)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('aws-kms-key-disabled')
    expect(r.stdout).toContain('Fix:')
    expect(r.stdout).toContain('https://kb.test/errors/aws-kms-key-disabled/')
  })

  it('--json prints exactly the API body', async () => {
    const r = await run(['diagnose', '--json', 'err.txt'], { 'err.txt': DISABLED })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(diagnoser.diagnose(DISABLED))))
  })

  it('--json with several files prints one object per line, in order, with the file', async () => {
    const r = await run(['diagnose', '--json', 'a.txt', 'b.txt', 'c.txt'], { 'a.txt': DISABLED, 'b.txt': JUNK, 'c.txt': AADSTS })
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.map((l) => l.file)).toEqual(['a.txt', 'b.txt', 'c.txt'])
    expect(lines.map((l) => l.matches[0]?.id)).toEqual(['aws-kms-key-disabled', undefined, 'azure-service-principal-missing'])
    expect(r.code).toBe(0)
  })

  it('--ticket prints a Markdown summary without the payload', async () => {
    const r = await run(['diagnose', '--ticket'], {}, `noise-line-42\n${DISABLED}`)
    expect(r.stdout).toMatch(/^## EKM Doctor diagnosis/)
    expect(r.stdout).toContain('https://kb.test/errors/aws-kms-key-disabled/')
    expect(r.stdout).not.toContain('noise-line-42')
  })

  it('prints no secret form, in human, --json and --ticket output, nor one given as an option', async () => {
    const payload = WRAPPERS.flatMap((w) => SECRET_FORMS.map((f) => w.render(f))).join('\n\n')
    for (const mode of [[], ['--json'], ['--ticket']]) {
      const r = await run(['diagnose', ...mode, '--org', SECRET_FORMS[16].value, 'err.log'], { 'err.log': payload })
      expect(SECRET_FORMS.map((f) => leaked(r.stdout + r.stderr, f)).filter(Boolean)).toEqual([])
    }
  })

  it('passes context options to the engine', async () => {
    const r = await run(['diagnose', '--json', '--org', 'org-abc123def456', '--provider', 'aws', '-'], {}, DISABLED)
    expect(JSON.parse(r.stdout).facts.resources.org).toBe('org-abc123def456')
  })

  it('checks a pasted document and lists what it checked', async () => {
    const doc = readFileSync('test/fixtures/documents/aws/key-policy-default.json', 'utf8')
    const clean = await run(['diagnose', 'policy.json'], { 'policy.json': doc })
    expect(clean.stdout).toContain('This KMS key policy looks right for EKM. Checked:')
    const broken = await run(['diagnose', 'policy.json'], { 'policy.json': doc.replace(':root', ':user/admin') })
    expect(broken.code).toBe(0)
    expect(broken.stdout).toContain('✘ Lets the role use the key')
    expect(broken.stdout).toContain('aws-kms-access-denied-key-policy')
  })

  it('lists a family with the step that tells each member apart', async () => {
    // An SNS delivery log relaying KMS's bare denial: https://github.com/aws/aws-cdk/issues/19796
    const sns = '{"ErrorCode":"KMS.AccessDeniedException","ErrorMessage":"null (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: bb4fbbce-7269-4a16-956a-51927600b6a0; Proxy: null)","sqsRequestId":"Unrecoverable"}'
    const r = await run(['diagnose'], {}, sns)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('the error does not say which of these it is')
    expect(r.stdout).toMatch(/1\. aws-kms-access-denied-key-policy[\s\S]*Tell apart: Read the key policy/)
  })

  it('exits 1 and says what it read when nothing matched a key error', async () => {
    const r = await run(['diagnose'], {}, 'An error occurred (SomethingNewException) when calling the Decrypt operation: the key service refused')
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('No symptom matched exactly')
    expect(r.stdout).toContain('https://kb.test/errors/?provider=aws')
  })

  it('exits 1 when nothing matched', async () => {
    const r = await run(['diagnose', 'junk.txt'], { 'junk.txt': JUNK })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('No known EKM symptom matched')
  })

  it('exits 2 on usage and input errors, and says why', async () => {
    expect((await run(['diagnose', '--nope'])).code).toBe(2)
    expect((await run(['diagnose', '--provider', 'oci', 'a.txt'], { 'a.txt': DISABLED })).code).toBe(2)
    const missing = await run(['diagnose', 'missing.txt'])
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('missing.txt: no such file') })
    expect((await run(['diagnose', 'e.txt'], { 'e.txt': '  \n' })).stderr).toContain('empty')
    expect((await run(['diagnose', 'b.bin'], { 'b.bin': new Uint8Array([0xff, 0xfe, 0x00]) })).code).toBe(2)
    expect((await run(['diagnose', 'big.txt'], { 'big.txt': 'a'.repeat(70_000) })).stderr).toContain('64 KiB')
    expect((await run(['frobnicate'])).code).toBe(2)
    expect((await run([])).code).toBe(2)
  })

  it('never prints a secret it was given', async () => {
    const key = 'sk-proj-Abcdefghijklmnopqrstuvwx0123456789ABCDEFGHIJ'
    const payload = `openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: ${key}', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}`
    for (const args of [['diagnose'], ['diagnose', '--json']]) {
      const r = await run(args, {}, payload)
      expect(r.stdout + r.stderr).not.toContain(key)
    }
  })
})

describe('explain', () => {
  it('explains an error code', async () => {
    const r = await run(['explain', 'ThrottlingException'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^aws-kms-throttling — /)
    expect(r.stdout).toContain('Causes, most likely first:')
    expect(r.stdout).toContain('Article: https://kb.test/errors/aws-kms-throttling/')
  })

  it('ranks the meanings of a shared code as the catalog declares them, with what tells each apart', async () => {
    const r = await run(['explain', 'kmsinvalidstateexception'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^“KMSInvalidStateException” has 3 meanings, most likely first:\n  1\. aws-kms-key-pending-deletion — /)
    expect(r.stdout.indexOf('2. aws-kms-key-invalid-state')).toBeLessThan(r.stdout.indexOf('3. aws-kms-custom-key-store'))
    expect(r.stdout).toContain('says PendingDeletion')
    expect(r.stdout).toContain('All of them: https://kb.test/codes/KMSInvalidStateException/')
  })

  it('lists the candidates for an ambiguous alias', async () => {
    const r = await run(['explain', 'KeyVersionMismatch'])
    expect(r.stdout).toMatch(/^“KeyVersionMismatch” can mean:/)
    expect(r.stdout).toContain('aws-kms-ciphertext-mismatch')
    expect(r.stdout).toContain('gcp-kms-decryption-failed')
  })

  it('explains an id', async () => {
    expect((await run(['explain', 'gcp-kms-permission-denied'])).stdout).toContain('PERMISSION_DENIED')
  })

  it('exits 1 for an unknown code and 2 without one', async () => {
    const r = await run(['explain', 'NoSuchCodeAnywhere'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('No symptom is known')
    expect((await run(['explain'])).code).toBe(2)
  })
})

describe('the installed binary', () => {
  it('runs through npx with the project Node and pipes stdin', () => {
    const r = spawnSync('npx', ['ekm-doctor', 'diagnose', '--json'], { input: DISABLED, encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout).matches[0].id).toBe('aws-kms-key-disabled')
  })
})

describe('diagnose on infrastructure code', () => {
  const file = (path: string) => readFileSync(path, 'utf8')

  it('reads every infrastructure file in a directory, and leaves out .terraform', async () => {
    const r = await run(['diagnose', '--json', '--org', 'org-AbCdEf0123456789abcdef01', 'infra'], {
      'infra/main.tf': file('test/iac/faulty/01-aws-rsa-key-spec.tf'),
      'infra/template.yaml': file('content/iac/aws/template.yaml'),
      'infra/README.md': '# not code',
      'infra/.terraform/modules/x/main.tf': 'not read',
    })
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; analysis: { document: string }; matches: { id: string }[] })
    expect(lines.map((l) => [l.file, l.analysis.document])).toEqual([
      ['infra/main.tf', 'terraform-source'],
      ['infra/template.yaml', 'cloudformation-template'],
    ])
    expect(lines[0].matches.map((m) => m.id)).toEqual(['aws-kms-wrong-key-type'])
    expect(lines[1].matches).toEqual([])
    expect(r.code).toBe(0)
  })

  it('prints where each finding is and its fix in HCL', async () => {
    const r = await run(['diagnose', 'main.tf'], { 'main.tf': file('test/iac/faulty/01-aws-rsa-key-spec.tf') })
    expect(r.stdout).toMatch(/at aws_kms_key\.openai, main\.tf:\d+ \(customer_master_key_spec\)/)
    expect(r.stdout).toContain('customer_master_key_spec = "SYMMETRIC_DEFAULT"')
  })

  it('says which .tf file Terraform cannot parse, and goes on with the others', async () => {
    const r = await run(['diagnose', 'broken.tf', 'main.tf'], { 'broken.tf': 'resource "aws_kms_key" "x" {', 'main.tf': file('content/iac/aws/main.tf') })
    expect(r.stderr).toMatch(/broken\.tf: not valid Terraform/)
    expect(r.stdout).toContain('looks right for EKM')
    expect(r.code).toBe(2)
  })

  it('reads the Terraform files of one directory as one module, each finding at its file and line', async () => {
    const { files, where } = splitTerraform(file('test/iac/faulty/04-aws-key-policy-openai-principal.tf'), (h) => (/aws_iam_/.test(h) ? 'iam.tf' : 'kms.tf'))
    const tree = { 'infra/kms.tf': files['kms.tf'], 'infra/iam.tf': files['iam.tf'], 'infra/plan.json': file('content/iac/aws/plan.json') }
    const r = await run(['diagnose', '--json', '--org', 'org-AbCdEf0123456789abcdef01', 'infra'], tree)
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; analysis: { document: string; checks: { status: string; resource?: string; file?: string; line?: number }[] } })
    // The module is named by its directory where its first file stands; the plan stays a document of its own.
    expect(lines.map((l) => [l.file, l.analysis.document])).toEqual([
      ['infra', 'terraform-source'],
      ['infra/plan.json', 'terraform-plan'],
    ])
    const failed = lines[0].analysis.checks.filter((c) => c.status === 'fail')
    expect(failed.map((c) => [c.resource, c.file, c.line])).toEqual([['aws_kms_key.openai', 'infra/kms.tf', where['aws_kms_key.openai'].line]])
    expect(new Set(lines[0].analysis.checks.map((c) => c.file))).toEqual(new Set(['infra/kms.tf', 'infra/iam.tf']))
    const human = await run(['diagnose', 'infra/iam.tf', 'infra/kms.tf'], tree)
    expect(human.stdout).toContain(`at aws_kms_key.openai, infra/kms.tf:${where['aws_kms_key.openai'].line}`)
    expect(human.stdout).toContain('Checked as Terraform module infra/ (iam.tf, kms.tf)')
  })

  it('refuses a directory with no infrastructure files', async () => {
    const r = await run(['diagnose', 'docs'], { 'docs/notes.md': 'x' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('no infrastructure files')
  })
})
