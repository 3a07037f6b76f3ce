// The Worker that `npm run deploy` uploads, built as wrangler builds it (`deploy --dry-run`): small
// because it carries code only; the symptom registry reaches it as a static asset.
import { readFileSync, rmSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYMPTOMS } from '../../src/generated/symptoms.ts'
import { buildWorker } from '../support/builds.ts'

// The engine (rules are data, not code), Hono, and the YAML parser that reads CloudFormation
// templates and gcloud output (about 30 KiB of it); Workers take up to 3 MiB gzip. The engine's
// reading of wrappers, clouds and conditions is code and grows with the payloads it meets: about
// 100 KiB in December 2026, so a jump past 110 KiB means something else came in.
const BUDGET_GZIP_BYTES = 110 * 1024

describe('the deployable Worker bundle', () => {
  let out = ''
  let bundle = ''
  let log = ''
  beforeAll(() => {
    const built = buildWorker()
    ;({ out, log } = built)
    bundle = readFileSync(built.file, 'utf8')
  }, 60_000)
  afterAll(() => rmSync(out, { recursive: true, force: true }))

  it('builds with the rate limiter and the assets it needs', () => {
    expect(log).toContain('env.DIAGNOSE_LIMITER')
    expect(log).toContain('env.ASSETS')
  })

  it(`is at most ${BUDGET_GZIP_BYTES / 1024} KiB gzip`, () => {
    expect(gzipSync(bundle).length).toBeLessThanOrEqual(BUDGET_GZIP_BYTES)
  })

  it('carries no article text and no rules: those come from /registry.json', () => {
    for (const s of SYMPTOMS) {
      expect(bundle).not.toContain(s.cause)
      expect(bundle).not.toContain(s.title)
    }
  })

  it('is minified', () => {
    // Line breaks left are those inside template literals (fix snippets, messages): lines average
    // hundreds of characters, where unminified code averages a few dozen.
    const lines = bundle.split('\n')
    expect(bundle.length / lines.length).toBeGreaterThan(500)
  })
})
