/**
 * What users and Cloudflare get, built the way they get it: the Worker bundle as `wrangler deploy`
 * would upload it, and the CLI package installed from its tarball. Shared by the tests and the bench.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** `wrangler deploy --dry-run` in `dir`: the bundle's path, its folder (the caller removes it) and wrangler's output. */
export function buildWorker(dir = '.'): { out: string; file: string; log: string } {
  const out = mkdtempSync(join(tmpdir(), 'ekm-bundle-'))
  const log = execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  })
  return { out, file: join(out, readdirSync(out).find((f) => f.endsWith('.js'))!), log }
}

/** Builds packages/cli, packs it into `work` and installs the tarball into an empty prefix there, offline. */
export function packAndInstallCli(work: string): { tarball: string; prefix: string; installed: string } {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'pipe' })
  const tarball = join(work, execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: 'packages/cli', encoding: 'utf8' }).trim())
  const prefix = join(work, 'prefix')
  execFileSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--cache', join(work, 'cache'), tarball], { cwd: work, stdio: 'pipe' })
  return { tarball, prefix, installed: join(prefix, 'lib', 'node_modules', 'ekm-doctor') }
}
