// Seeded fuzzing of the API inside workerd: random methods, paths, content types and bodies built
// from real payload shapes, hostile fragments and the secret generator. Whatever arrives, the API
// never answers 5xx, every error is a problem document, and no secret comes back.
import { env } from 'cloudflare:workers'
import { expect, it } from 'vitest'
import app from '../../functions/app.ts'
import { leaked, SECRET_FORMS, seeded, WRAPPERS } from '../support/secrets.ts'

// The Worker's own fetch handler with its real bindings, called directly: a test may make at most
// 1,000 subrequests, and these are not subrequests.
const REQUESTS = 2000
const random = seeded(20261205)
const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]

const METHODS = ['POST', 'POST', 'POST', 'GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']
const PATHS = ['/api/v1/diagnose', '/api/v1/diagnose', '/api/v1/diagnose', '/api/v1/rules', '/api/v1/health', '/api/v1/openapi.json', '/api/v1/nope', '/API/v1/diagnose', '/api/v2/diagnose', '/api', '/api/v1/diagnose/', '/api/v1/diagnose?x=%ff', '/api/v1//diagnose']
const TYPES = ['text/plain', 'text/plain; charset=utf-8', 'application/json', 'application/json; charset=UTF-8', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json;;', 'TEXT/PLAIN']

// Real error shapes (from the symptoms' fixtures) and fragments that stress parsers.
const FRAGMENTS = [
  'An error occurred (DisabledException) when calling the Encrypt operation: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab is disabled.',
  "googleapi: Error 403: Permission 'cloudkms.cryptoKeyVersions.useToEncrypt' denied for resource 'projects/p/locations/global/keyRings/r/cryptoKeys/k'., forbidden",
  'RESPONSE 403: 403 Forbidden\nERROR CODE: Forbidden\n{"error":{"code":"Forbidden","innererror":{"code":"ForbiddenByRbac"}}}',
  'rpc error: code = PermissionDenied desc = Permission denied',
  'AADSTS7000229: The client application is missing service principal in the tenant.',
  '│ Error: ', '{', '}', '[', '"', "'", '\\', '\\"', '\\n', '\u0000', '\u0007', '\ud800', '\uffff', 'é', '🔑', '\r\n', '\t', ' '.repeat(50),
  '{"payload": 1}', '{"payload": "x", "context": {"org": 5}}', '{"payload": "x", "context": {"provider": "mars"}}', '{"context": {}}', 'null', '[]', '{"a":'.repeat(40),
]

function body(): string {
  const parts: string[] = []
  const n = Math.floor(random() * 8)
  for (let i = 0; i < n; i++) parts.push(random() < 0.25 ? pick(WRAPPERS).render(pick(SECRET_FORMS)) : pick(FRAGMENTS))
  const text = parts.join(pick(['', '\n', ' ']))
  if (random() < 0.3) return JSON.stringify({ payload: text, ...(random() < 0.3 && { context: { org: WRAPPERS[0].render(pick(SECRET_FORMS)), region: 'us-east-1' } }) })
  return text
}

it(`answers ${REQUESTS} fuzzed requests without a 5xx, with problem documents, echoing no secret`, async () => {
  const failures: string[] = []
  const seen = new Set<number>()
  for (let i = 0; i < REQUESTS; i++) {
    const method = pick(METHODS)
    const path = pick(PATHS)
    const type = pick(TYPES)
    const payload = method === 'GET' || method === 'HEAD' ? undefined : random() < 0.05 ? new Uint8Array(Array.from({ length: 64 }, () => Math.floor(random() * 256))) : body()
    const headers: Record<string, string> = type ? { 'content-type': type } : {}
    const res = await app.fetch(new Request(`http://ekm.test${path}`, { method, headers, body: payload }), env)
    const text = await res.text()
    seen.add(res.status)
    const what = `${method} ${path} (${type || 'no type'}) → ${res.status}`
    if (res.status >= 500) failures.push(`${what}: server error`)
    if (res.status >= 400 && method !== 'HEAD' && res.headers.get('content-type') !== 'application/problem+json') failures.push(`${what}: not a problem document`)
    for (const form of SECRET_FORMS) if (leaked(text, form)) failures.push(`${what}: echoed the ${form.name}`)
  }
  expect(failures).toEqual([])
  // The inputs reach every kind of answer, diagnoses included, so the checks above were exercised.
  expect([...seen].sort()).toEqual(expect.arrayContaining([200, 204, 400, 404, 405, 415]))
}, 120_000)
