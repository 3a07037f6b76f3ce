// The API contract, exercised through the real Worker entry inside workerd.
import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { leaked, SECRET_FORMS, WRAPPERS } from '../support/secrets.ts'

const call = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://ekm.test${path}`, init))
const diagnose = (body: BodyInit, type = 'text/plain', extra: RequestInit = {}) =>
  call('/api/v1/diagnose', { method: 'POST', headers: { 'content-type': type }, body, ...extra })

const BOTO3_DISABLED = 'An error occurred (DisabledException) when calling the Encrypt operation: arn:aws:kms:us-east-1:111111111111:key/5a7c9e1b-2d4f-4a6b-8c0d-1e2f3a4b5c6d is disabled.'

const SNS_BARE_KMS_DENIAL = '{"ErrorCode":"KMS.AccessDeniedException","ErrorMessage":"null (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: bb4fbbce-7269-4a16-956a-51927600b6a0; Proxy: null)","sqsRequestId":"Unrecoverable"}'

async function expectProblem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  const body = (await res.json()) as Record<string, unknown>
  expect(body).toMatchObject({ status, type: `/guides/api/#${type}` })
  expect(typeof body.title).toBe('string')
  expect(typeof body.detail).toBe('string')
  return body
}

describe('redaction on the API', () => {
  it.each(WRAPPERS.map((w) => [w.name, w] as const))('returns no secret form from a payload in %s, nor from context', async (_name, wrapper) => {
    const payload = SECRET_FORMS.map((f) => wrapper.render(f)).join('\n\n')
    const context = { org: SECRET_FORMS[16].value, key: `client_secret=${SECRET_FORMS[10].value}` }
    for (const res of [await diagnose(payload), await diagnose(JSON.stringify({ payload, context }), 'application/json')]) {
      expect(res.status).toBe(200)
      const body = await res.text()
      expect(SECRET_FORMS.map((f) => leaked(body, f)).filter(Boolean)).toEqual([])
    }
  })
})

describe('POST /api/v1/diagnose', () => {
  it('diagnoses a text/plain payload', async () => {
    const res = await diagnose(BOTO3_DISABLED)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { matches: { id: string; confidence: number; url: string; evidence: unknown[] }[]; facts: Record<string, unknown> }
    expect(body.matches[0]).toMatchObject({ id: 'aws-kms-key-disabled', url: '/errors/aws-kms-key-disabled/' })
    expect(body.matches[0].confidence).toBeGreaterThan(0)
    expect(body.matches[0].confidence).toBeLessThanOrEqual(1)
    expect(body.matches[0].evidence.length).toBeGreaterThan(0)
    expect(body.facts).toMatchObject({ provider: 'aws', code: 'DisabledException', operation: 'Encrypt' })
  })

  it('diagnoses a JSON payload with context, charset in the content type', async () => {
    const res = await diagnose(JSON.stringify({ payload: BOTO3_DISABLED, context: { org: 'org-abc123def456', provider: 'aws' } }), 'application/json; charset=utf-8')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { matches: { id: string }[]; facts: { resources: Record<string, string> } }
    expect(body.matches[0].id).toBe('aws-kms-key-disabled')
    expect(body.facts.resources.org).toBe('org-abc123def456')
  })

  it('answers a family, in catalog order with the step that tells each apart, when the payload cannot decide', async () => {
    // An SNS delivery log relaying KMS's bare denial: https://github.com/aws/aws-cdk/issues/19796
    const res = await diagnose(SNS_BARE_KMS_DENIAL)
    const body = (await res.json()) as { matches: { id: string }[]; family: { id: string; members: { id: string; tell: string }[] } }
    expect(body.family.id).toBe('aws-kms-access-denied')
    expect(body.family.members.map((m) => m.id)).toEqual(body.matches.map((m) => m.id))
    for (const m of body.family.members) expect(m.tell.length).toBeGreaterThan(20)
  })

  it('answers a bare shared code with its meanings in the order the site and the CLI show', async () => {
    const body = (await (await diagnose('PERMISSION_DENIED')).json()) as { matches: { id: string }[]; family: { id: string; members: { id: string; tell: string }[] } }
    expect(body.matches.map((m) => m.id)).toEqual(['gcp-kms-permission-denied', 'gcp-impersonation-denied'])
    expect(body.family).toMatchObject({ id: 'code:PERMISSION_DENIED', members: [{ id: 'gcp-kms-permission-denied' }, { id: 'gcp-impersonation-denied' }] })
  })

  it('says what it read when nothing matched a key error', async () => {
    const res = await diagnose('An error occurred (SomethingNewException) when calling the Decrypt operation: the key service refused')
    const body = (await res.json()) as { matches: unknown[]; nearest: { read: string; index: string } }
    expect(body.matches).toEqual([])
    expect(body.nearest).toMatchObject({ read: expect.stringContaining('kms'), index: '/errors/?provider=aws' })
  })

  it('returns an empty list for unrelated input', async () => {
    const res = await diagnose("TypeError: Cannot read properties of undefined (reading 'map')\n    at App (App.js:12:20)")
    expect(res.status).toBe(200)
    expect(((await res.json()) as { matches: unknown[] }).matches).toEqual([])
  })

  it('redacts secrets from everything it returns', async () => {
    const key = 'sk-proj-Abcdefghijklmnopqrstuvwx0123456789ABCDEFGHIJ'
    const res = await diagnose(`openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: ${key}.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}`)
    const text = await res.text()
    expect(text).not.toContain(key)
    expect(JSON.parse(text).redactions).toEqual([{ kind: 'openai-api-key', count: 1 }])
  })

  it('refuses an empty or whitespace-only payload', async () => {
    await expectProblem(await diagnose(''), 400, 'empty-payload')
    await expectProblem(await diagnose(' \n\t '), 400, 'empty-payload')
    await expectProblem(await diagnose(JSON.stringify({ payload: '   ' }), 'application/json'), 400, 'empty-payload')
  })

  it('refuses malformed JSON and JSON without a string payload', async () => {
    await expectProblem(await diagnose('{"payload": ', 'application/json'), 400, 'invalid-json')
    await expectProblem(await diagnose('[1,2]', 'application/json'), 400, 'invalid-body')
    await expectProblem(await diagnose('{"payload": 42}', 'application/json'), 400, 'invalid-body')
    await expectProblem(await diagnose('{"text": "x"}', 'application/json'), 400, 'invalid-body')
    await expectProblem(await diagnose('{"payload": "x", "context": {"provider": "oci"}}', 'application/json'), 400, 'invalid-body')
    await expectProblem(await diagnose('{"payload": "x", "context": {"secret": "y"}}', 'application/json'), 400, 'invalid-body')
  })

  it('refuses deeply nested JSON with a 400, not a crash', async () => {
    const nested = '{"payload": "x", "context": ' + '['.repeat(50_000) + ']'.repeat(50_000) + '}'
    const res = await diagnose(nested, 'application/json')
    expect(res.status).toBe(400)
  })

  it('refuses invalid UTF-8 and binary payloads', async () => {
    await expectProblem(await diagnose(new Uint8Array([0x41, 0xff, 0xfe, 0x42])), 400, 'invalid-utf8')
    await expectProblem(await diagnose(new Uint8Array([0x41, 0x00, 0x42, 0x43])), 400, 'binary-payload')
  })

  it('refuses a payload over 64 KiB with 413', async () => {
    await expectProblem(await diagnose('a'.repeat(64 * 1024 + 1)), 413, 'payload-too-large')
    await expectProblem(await diagnose(JSON.stringify({ payload: 'é'.repeat(32 * 1024 + 1) }), 'application/json'), 413, 'payload-too-large')
    await expectProblem(await diagnose('a'.repeat(600 * 1024)), 413, 'payload-too-large')
    expect((await diagnose('a '.repeat(32 * 1024))).status).toBe(200)
  })

  it('refuses other content types with 415', async () => {
    await expectProblem(await diagnose('payload=x', 'application/x-www-form-urlencoded'), 415, 'unsupported-media-type')
    await expectProblem(await call('/api/v1/diagnose', { method: 'POST', body: new Uint8Array([1]) }), 415, 'unsupported-media-type')
  })

  it('answers other methods with 405 and Allow', async () => {
    const res = await call('/api/v1/diagnose', { method: 'GET' })
    await expectProblem(res, 405, 'method-not-allowed')
    expect(res.headers.get('allow')).toBe('POST, OPTIONS')
    const put = await call('/api/v1/rules', { method: 'PUT', body: 'x' })
    await expectProblem(put, 405, 'method-not-allowed')
    expect(put.headers.get('allow')).toContain('GET')
  })
})

describe('other routes', () => {
  it('lists every rule', async () => {
    const body = (await (await call('/api/v1/rules')).json()) as { rules: { id: string; title: string; provider: string; codes: string[]; url: string }[] }
    expect(body.rules.length).toBeGreaterThanOrEqual(10)
    for (const r of body.rules) expect(r.url).toBe(`/errors/${r.id}/`)
    expect(body.rules.find((r) => r.id === 'aws-kms-key-disabled')?.codes).toContain('DisabledException')
  })

  it('reports health', async () => {
    expect(await (await call('/api/v1/health')).json()).toMatchObject({ status: 'ok' })
  })

  it('serves an OpenAPI 3.1 document naming every route', async () => {
    const doc = (await (await call('/api/v1/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/v1/diagnose', '/api/v1/health', '/api/v1/openapi.json', '/api/v1/rules'])
  })

  it('answers unknown API routes with a 404 problem', async () => {
    await expectProblem(await call('/api/v1/nope'), 404, 'not-found')
    await expectProblem(await call('/api/v2/diagnose', { method: 'POST', body: 'x' }), 404, 'not-found')
  })

  it('sends one framing and script policy, no caching of diagnoses, and a request id', async () => {
    for (const res of [await call('/api/v1/health'), await diagnose(BOTO3_DISABLED), await diagnose('')]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'")
      expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/)
    }
    expect((await diagnose(BOTO3_DISABLED)).headers.get('cache-control')).toBe('no-store')
    expect((await diagnose('')).headers.get('cache-control')).toBe('no-store')
  })

  it('lets any page read the public documents, and no other origin post payloads', async () => {
    const origin = { origin: 'https://tools.example' }
    expect((await call('/api/v1/health', { headers: origin })).headers.get('access-control-allow-origin')).toBe('*')
    expect((await call('/api/v1/rules', { headers: origin })).headers.get('access-control-allow-origin')).toBe('*')
    const preflight = await call('/api/v1/diagnose', { method: 'OPTIONS', headers: { ...origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    const post = await diagnose(BOTO3_DISABLED, 'text/plain', { headers: { 'content-type': 'text/plain', ...origin } })
    expect(post.status).toBe(200) // servers and the CLI send no Origin rules: only browsers enforce CORS
    expect(post.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('answers /api paths in any case with problems, never with the site', async () => {
    await expectProblem(await call('/API/v1/diagnose', { method: 'POST', body: 'x' }), 404, 'not-found')
    await expectProblem(await call('/Api/v1/health'), 404, 'not-found')
    expect((await call('/API/v1/health')).headers.get('x-frame-options')).toBe('DENY')
  })

  it('cuts off a body that does not arrive in time', async () => {
    const stalled = new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('An error occurred')) }) // never closed
    const res = await call('/api/v1/diagnose', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: stalled, duplex: 'half' } as RequestInit)
    await expectProblem(res, 408, 'request-timeout')
  })

  it('limits each client address, with Retry-After, and not the local machine', async () => {
    const from = (ip: string) => diagnose('x', 'text/plain', { headers: { 'content-type': 'text/plain', 'cf-connecting-ip': ip } })
    // The local limiter counts in 60-second windows aligned to the wall clock: a run that crosses
    // a window's end starts counting again. So the run starts early in a window, and a run that
    // still crossed one (a very loaded machine) is repeated from a fresh address.
    const window = () => Math.floor(Date.now() / 60_000)
    for (let attempt = 1; ; attempt++) {
      const left = 60_000 - (Date.now() % 60_000)
      if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 500))
      const started = window()
      const responses: Response[] = []
      for (let i = 0; i < 130; i++) responses.push(await from(`203.0.113.${attempt}`))
      if (window() !== started && attempt < 3) continue
      const statuses = responses.map((r) => r.status)
      expect(statuses.slice(0, 120)).not.toContain(429)
      expect(statuses.slice(120)).toEqual(Array(10).fill(429))
      const limited = responses[129]
      const body = await expectProblem(limited, 429, 'rate-limited')
      expect(limited.headers.get('retry-after')).toBe('60')
      expect(body.detail).toContain('60 seconds')
      break
    }
    expect((await from('198.51.100.9')).status).not.toBe(429)
    expect((await from('127.0.0.1')).status).not.toBe(429)
  }, 150_000)

  it('serves the built site from the same Worker', async () => {
    const res = await call('/errors/aws-kms-key-disabled/')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('DisabledException')
  })
})

describe('infrastructure code', () => {
  // The faulty variants from test/iac/faulty: a template whose key signs instead of encrypting, a plan whose key is disabled, Terraform source whose key is RSA.
  const template = import.meta.glob<string>('../iac/faulty/14-aws-sign-verify-usage.yaml', { eager: true, query: '?raw', import: 'default' })
  const plans = import.meta.glob<string>('../iac/faulty/08-aws-key-disabled.json', { eager: true, query: '?raw', import: 'default' })
  const source = import.meta.glob<string>('../iac/faulty/01-aws-rsa-key-spec.tf', { eager: true, query: '?raw', import: 'default' })

  it('refuses Terraform source (HCL) with 415, naming the media types it reads and where .tf is read', async () => {
    const [tf] = Object.values(source)
    for (const res of [await diagnose(tf, 'text/plain'), await diagnose(JSON.stringify({ payload: tf }), 'application/json'), await diagnose(tf, 'application/hcl'), await diagnose('x', 'text/x-terraform')]) {
      const body = await expectProblem(res, 415, 'terraform-source')
      for (const named of ['text/plain', 'application/json', 'application/yaml', 'terraform show -json', 'ekm-doctor diagnose', '/diagnose/']) expect(body.detail).toContain(named)
    }
    // Terraform's own error output quotes source lines, behind "│": that is an error to diagnose.
    expect((await diagnose('│ Error: Error creating KeyRing: googleapi: Error 403: Cloud Key Management Service (KMS) API has not been used in project tef-olapp before or it is disabled.\n│\n│   with google_kms_key_ring.openai,\n│   on main.tf line 52, in resource "google_kms_key_ring" "openai":\n│   52: resource "google_kms_key_ring" "openai" {')).status).toBe(200)
  })

  it('reads a CloudFormation template sent as application/yaml, each finding on its resource and line', async () => {
    const [text] = Object.values(template)
    const res = await diagnose(text, 'application/yaml')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { analysis: { document: string; checks: { status: string; id?: string; resource?: string; line?: number; fix?: string }[] }; matches: { id: string }[] }
    expect(body.analysis.document).toBe('cloudformation-template')
    const failed = body.analysis.checks.filter((c) => c.status === 'fail')
    expect(failed.length).toBeGreaterThan(0)
    for (const c of failed) expect(c).toMatchObject({ resource: expect.any(String), line: expect.any(Number), fix: expect.any(String) })
    expect(body.matches.map((m) => m.id)).toEqual([...new Set(failed.map((c) => c.id))])
  })

  it('reads a Terraform plan sent as text/plain', async () => {
    const [text] = Object.values(plans)
    const body = (await (await diagnose(text)).json()) as { analysis: { document: string; checks: { status: string; id?: string; resource?: string }[] } }
    expect(body.analysis.document).toBe('terraform-plan')
    expect(body.analysis.checks.filter((c) => c.status === 'fail').map((c) => [c.id, c.resource])).toContainEqual(['aws-kms-key-disabled', 'aws_kms_key.openai'])
  })
})
