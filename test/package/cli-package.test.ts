// The CLI as its users get it: `npm pack` of packages/cli, installed into an empty prefix with no
// access to the checkout or to the registry, then run under the project's Node 22 — including
// `check aws` against the local AWS endpoint. The bundled Azure SDK and Google's client libraries
// need Node 22, so an older Node is only asked to say so.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { goodAccount, KEY, ORG, ROLE } from '../support/aws-account.ts'
import { packAndInstallCli } from '../support/builds.ts'
import { startFakeAws, type FakeAws } from '../support/fake-aws.ts'

const VERSION = JSON.parse(readFileSync('packages/cli/package.json', 'utf8')).version as string
const FIXTURE = resolve('content/errors/aws-kms-key-disabled/fixtures/match/aws-cli-reencrypt-disabled.txt')
const work = mkdtempSync(join(tmpdir(), 'ekm-cli-package-'))
let prefix = ''
let tarball = ''
let installed = ''
let fake: FakeAws

const NODES = [{ label: `Node ${process.versions.node} (the project's)`, path: process.execPath }]

/** A clean environment: the chosen Node first on PATH, nothing of the checkout, no real AWS. */
function env(node: string, extra: Record<string, string> = {}) {
  return {
    PATH: [dirname(node), join(prefix, 'bin'), '/usr/bin', '/bin'].join(':'),
    HOME: work,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    ...extra,
  }
}

/** Runs the installed command; asynchronously, since the fake AWS endpoint lives in this process. */
function run(node: string, args: string[], extra: Record<string, string> = {}, input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(join(prefix, 'bin', 'ekm-doctor'), args, { cwd: work, env: env(node, extra) })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
    child.stdin.end(input)
  })
}

beforeAll(async () => {
  ;({ tarball, prefix, installed } = packAndInstallCli(work))
  fake = await startFakeAws(goodAccount())
}, 120_000)
afterAll(async () => {
  await fake?.close()
  rmSync(work, { recursive: true, force: true })
})

describe('the packed CLI', () => {
  it('holds the bundle, its licences, the README and no dependencies', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort()
    // main.wasm.gz: Terraform's HCL parser, read from beside the bundle.
    expect(files).toEqual(['package/README.md', 'package/bin/ekm-doctor.cjs', 'package/dist/THIRD-PARTY-LICENSES.txt', 'package/dist/ekm-doctor.cjs', 'package/main.wasm.gz', 'package/package.json'])
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }))
    expect(manifest).toMatchObject({ name: 'ekm-doctor', version: VERSION, engines: { node: '>=22' } })
    expect(manifest.dependencies).toBeUndefined()
  })

  it('says what it needs on a Node older than 22', () => {
    const preload = join(work, 'old-node.cjs')
    writeFileSync(preload, "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.19.5' } })\n")
    const bin = join(installed, 'bin', 'ekm-doctor.cjs')
    const r = spawnSync(process.execPath, ['-r', preload, bin, '--version'], { encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('ekm-doctor needs Node.js 22 or newer')
    expect(r.stdout).toBe('')
  })

  it('runs through npx from the tarball', () => {
    const r = spawnSync('npm', ['exec', '--yes', '--offline', '--cache', join(work, 'cache'), '--package', tarball, '--', 'ekm-doctor', '--version'], { cwd: work, encoding: 'utf8', env: { ...process.env, HOME: work } })
    expect(r.stdout.trim()).toBe(`ekm-doctor ${VERSION}`)
  })
})

describe.each(NODES)('installed, under $label', ({ path: node }) => {
  it('prints its version and help', async () => {
    expect(await run(node, ['--version'])).toMatchObject({ code: 0, stdout: `ekm-doctor ${VERSION}\n` })
    const help = await run(node, ['check', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('ekm-doctor check aws --key')
  })

  it('diagnoses a file, and stdin as JSON, without colour when not on a terminal', async () => {
    const human = await run(node, ['diagnose', FIXTURE])
    expect(human.code).toBe(0)
    expect(human.stdout).toContain('aws-kms-key-disabled')
    expect(human.stdout).not.toContain('\x1b[')
    const json = await run(node, ['diagnose', '--json'], {}, readFileSync(FIXTURE, 'utf8'))
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout).matches[0].id).toBe('aws-kms-key-disabled')
  })

  it('explains an error code', async () => {
    const r = await run(node, ['explain', 'DisabledException'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('aws-kms-key-disabled')
  })

  it('checks a live AWS setup through the bundled SDK', async () => {
    const r = await run(node, ['check', 'aws', '--key', KEY, '--role', ROLE, '--org', ORG, '--json'], {
      AWS_ENDPOINT_URL: fake.url,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).summary).toMatchObject({ fail: 0, skip: 0 })
  })

  it('prints completion scripts', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) expect(await run(node, ['completion', shell])).toMatchObject({ code: 0, stdout: expect.stringContaining('ekm-doctor') })
  })
})
