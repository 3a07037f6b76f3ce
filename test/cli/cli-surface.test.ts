// What a CLI user expects around the diagnosis: version, help per command, colour only on a
// terminal, shell completion, and `--api` against a running API with the payload redacted first.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import app from '../../functions/app.ts'
import { main } from '../../src/cli/main.ts'
import { COMMAND_USAGE } from '../../src/cli/usage.ts'
import { memoryIo } from '../support/io.ts'

const FIXTURE = readFileSync('content/errors/aws-kms-key-disabled/fixtures/match/aws-cli-reencrypt-disabled.txt', 'utf8')
const VERSION = JSON.parse(readFileSync('packages/cli/package.json', 'utf8')).version

async function run(argv: string[], { stdin = '', tty = false, env = {} as Record<string, string> } = {}) {
  const { io, out } = memoryIo({}, stdin, { EKM_DOCTOR_SITE: 'https://kb.test', ...env })
  io.stdoutIsTty = tty
  const code = await main(argv, io)
  return { code, ...out }
}

describe('version and help', () => {
  it('prints the package version', async () => {
    for (const flag of ['--version', '-v', 'version']) expect(await run([flag])).toMatchObject({ code: 0, stdout: `ekm-doctor ${VERSION}\n` })
  })

  it('prints each command\'s own help, with --help or through help', async () => {
    for (const command of Object.keys(COMMAND_USAGE) as (keyof typeof COMMAND_USAGE)[]) {
      const r = await run([command, '--help'])
      expect(r.code).toBe(0)
      expect(r.stdout).toContain(COMMAND_USAGE[command].split('\n')[0])
      expect(r.stdout).not.toContain(Object.values(COMMAND_USAGE).find((u) => u !== COMMAND_USAGE[command])!.split('\n')[0])
      expect((await run(['help', command])).stdout).toBe(r.stdout)
    }
  })

  it('answers a usage error with the command\'s usage only', async () => {
    const r = await run(['check', 'gcp'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('ekm-doctor check aws --key')
    expect(r.stderr).not.toContain('ekm-doctor explain')
  })
})

describe('colour', () => {
  const esc = '\x1b['
  it('colours a terminal', async () => {
    expect((await run(['diagnose'], { stdin: FIXTURE, tty: true })).stdout).toContain(esc)
  })

  it('never colours a pipe, nor with NO_COLOR or --no-color', async () => {
    expect((await run(['diagnose'], { stdin: FIXTURE })).stdout).not.toContain(esc)
    expect((await run(['diagnose'], { stdin: FIXTURE, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(esc)
    const flagged = await run(['diagnose', '--no-color'], { stdin: FIXTURE, tty: true })
    expect(flagged.code).toBe(0)
    expect(flagged.stdout).not.toContain(esc)
    expect(flagged.stdout).toBe((await run(['diagnose'], { stdin: FIXTURE })).stdout)
  })
})

describe('fix commands', () => {
  it('are filled in with what the payload named for the person at the terminal, and kept as placeholders in JSON and the ticket', async () => {
    const arn = 'arn:aws:kms:us-west-2:111122223333:key/ea9fe275-3667-4e16-8043-80a307cfb20b'
    const human = await run(['diagnose'], { stdin: FIXTURE })
    expect(human.stdout).toContain(`aws kms enable-key --key-id ${arn}`)
    expect(human.stdout).toContain('<extkey-id>')
    const json = await run(['diagnose', '--json'], { stdin: FIXTURE })
    expect(JSON.parse(json.stdout).matches[0].fix.join('\n')).toContain('aws kms enable-key --key-id <key-arn>')
    const ticket = await run(['diagnose', '--ticket'], { stdin: FIXTURE })
    expect(ticket.stdout).toContain('aws kms enable-key --key-id <key-arn>')
    expect(ticket.stdout).not.toContain('111122223333')
  })
})

describe('completion', () => {
  const script = async (shell: string) => (await run(['completion', shell])).stdout

  it('completes commands, options, targets and symptom ids in bash', async () => {
    const bash = await script('bash')
    const reply = (words: string[]) => {
      const r = spawnSync('bash', ['-c', `source /dev/stdin <<'EOF'\n${bash}\nEOF\nCOMP_WORDS=(ekm-doctor ${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length}; _ekm_doctor; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' })
      expect(r.stderr).toBe('')
      return r.stdout.trim().split('\n')
    }
    expect(reply(['di'])).toEqual(['diagnose'])
    expect(reply(['check', ''])).toContain('aws')
    expect(reply(['diagnose', '--pro'])).toEqual(['--provider'])
    expect(reply(['diagnose', '--provider', ''])).toEqual(['aws', 'gcp', 'azure'])
    expect(reply(['explain', 'aws-kms-key-d'])).toEqual(['aws-kms-key-disabled'])
    expect(reply(['completion', 'z'])).toEqual(['zsh'])
  })

  it('gives zsh and fish the same commands and ids', async () => {
    for (const shell of ['zsh', 'fish']) {
      const text = await script(shell)
      for (const word of ['diagnose', 'explain', 'check', '--provider', 'aws-kms-key-disabled', 'gcp-sts-audience-mismatch']) expect(text, `${shell}: ${word}`).toContain(word.replace(/^--/, ''))
    }
    expect(await script('zsh')).toMatch(/^#compdef ekm-doctor/)
  })

  it('needs a shell it knows', async () => {
    expect((await run(['completion', 'tcsh'])).code).toBe(2)
  })
})

describe('diagnose --api', () => {
  let server: Server
  let base = ''
  const received: string[] = []
  const assets = {
    fetch: async (req: Request) => {
      try {
        return new Response(readFileSync(`dist${new URL(req.url).pathname}`))
      } catch {
        return new Response('Not found', { status: 404 })
      }
    },
  }
  beforeAll(async () => {
    // The API's own app behind a plain HTTP server, recording what reaches it.
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = []
      for await (const c of req) chunks.push(c as Buffer)
      const body = Buffer.concat(chunks).toString('utf8')
      received.push(body)
      const answer = await app.fetch(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: body || undefined }), { ASSETS: assets })
      res.writeHead(answer.status, Object.fromEntries(answer.headers))
      res.end(await answer.text())
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('prints what the bundled engine prints, with the same exit code', async () => {
    for (const args of [[], ['--json'], ['--ticket']]) {
      const local = await run(['diagnose', ...args], { stdin: FIXTURE })
      const remote = await run(['diagnose', '--api', base, ...args], { stdin: FIXTURE })
      expect(remote).toEqual(local)
    }
    const junk = "TypeError: Cannot read properties of undefined (reading 'map')"
    expect((await run(['diagnose', '--api', base], { stdin: junk })).code).toBe(1)
  })

  it('sends the payload and the context already redacted', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    received.length = 0
    const r = await run(['diagnose', '--api', base, '--json', '--org', `org-x aws_secret_access_key=${secret}`], { stdin: `${FIXTURE}\naws_secret_access_key = ${secret}\n` })
    expect(r.code).toBe(0)
    expect(received).toHaveLength(1)
    expect(received[0]).not.toContain(secret)
    expect(received[0]).toContain('[REDACTED:')
    expect(JSON.parse(r.stdout).redactions.length).toBeGreaterThan(0)
    expect(r.stdout).not.toContain(secret)
  })

  it('exits 2 and says why when the API cannot be used', async () => {
    const closed = await run(['diagnose', '--api', 'http://127.0.0.1:9'], { stdin: FIXTURE })
    expect(closed.code).toBe(2)
    expect(closed.stderr).toMatch(/could not be reached/)
    const bad = await run(['diagnose', '--api', 'ftp://example.test'], { stdin: FIXTURE })
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('http(s)') })
    const notApi = await run(['diagnose', '--api', `${base}/nowhere`], { stdin: FIXTURE })
    expect(notApi).toMatchObject({ code: 2, stderr: expect.stringContaining('404') })
  })

})
