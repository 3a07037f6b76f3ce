// The API's registry loader (functions/registry.ts) against the built site's /registry.json, and
// against an assets binding that fails: the failure is reported and the next request tries again.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { registry, REGISTRY_PATH } from '../../functions/registry.ts'
import { SYMPTOMS } from '../../src/generated/symptoms.ts'

const fixture = readFileSync('content/errors/aws-kms-key-disabled/fixtures/match/aws-cli-reencrypt-disabled.txt', 'utf8')
const built = () => readFileSync(`dist${REGISTRY_PATH}`, 'utf8')

describe('the registry the Worker reads from its assets', () => {
  it('reports an assets failure, then loads on the next call and keeps what it loaded', async () => {
    const asked: string[] = []
    let up = false
    const assets = {
      fetch: async (req: Request) => {
        asked.push(new URL(req.url).pathname)
        return up ? new Response(built(), { headers: { 'content-type': 'application/json' } }) : new Response('', { status: 404 })
      },
    }
    await expect(registry(assets, 'http://127.0.0.1/api/v1/health')).rejects.toThrow(`${REGISTRY_PATH}: HTTP 404`)
    up = true
    const loaded = await registry(assets, 'http://127.0.0.1/api/v1/health')
    expect(loaded.rules.map((r) => r.id)).toEqual(SYMPTOMS.map((s) => s.id))
    expect(loaded.diagnoser.diagnose(fixture).matches[0]?.id).toBe('aws-kms-key-disabled')
    await registry(assets, 'http://127.0.0.1/api/v1/rules')
    expect(asked).toEqual([REGISTRY_PATH, REGISTRY_PATH])
  })
})
