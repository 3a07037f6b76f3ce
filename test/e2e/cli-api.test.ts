// `ekm-doctor diagnose --api` against the product as users run it (wrangler dev, the API in workerd):
// the same answer as the bundled engine.
import { readFileSync } from 'node:fs'
import { expect, inject, it } from 'vitest'
import { main } from '../../src/cli/main.ts'
import { memoryIo } from '../support/io.ts'

const base = inject('baseURL')
const FIXTURE = 'content/errors/aws-kms-key-disabled/fixtures/match/aws-cli-reencrypt-disabled.txt'

async function diagnose(args: string[], stdin: string) {
  const { io, out } = memoryIo({}, stdin, { EKM_DOCTOR_SITE: 'https://kb.test' })
  return { code: await main(['diagnose', ...args], io), ...out }
}

it('answers as the bundled engine does, through the running API', async () => {
  const payload = readFileSync(FIXTURE, 'utf8')
  for (const args of [[], ['--json'], ['--ticket']]) {
    expect(await diagnose(['--api', base, ...args], payload)).toEqual(await diagnose(args, payload))
  }
})
