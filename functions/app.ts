/** The Hono app: /api/v1 routes, their middleware, and problem documents for every failure. */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { createDiagnoser } from '../src/engine/index.ts'
import { FAMILIES, SYMPTOMS } from '../src/generated/symptoms.ts'
import { MAX_BODY_BYTES, mediaType, parseBody } from './body.ts'
import { OPENAPI } from './openapi.ts'
import { problem } from './problems.ts'

export interface Env {
  ASSETS?: { fetch: (request: Request) => Promise<Response> }
}

// Compiled once per isolate, not per request.
const diagnoser = createDiagnoser(SYMPTOMS, FAMILIES)
const RULES = SYMPTOMS.map((s) => ({ id: s.id, title: s.title, provider: s.provider, codes: s.codes, url: `/errors/${s.id}/` }))
const ACCEPTED = ['text/plain', 'application/json']

const V1 = '/api/v1'
const app = new Hono<{ Bindings: Env }>()

app.use(
  '/api/*',
  requestId(),
  secureHeaders(),
  cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'], allowHeaders: ['Content-Type', 'X-Request-Id'], exposeHeaders: ['X-Request-Id'], maxAge: 86400 }),
)

app.post(
  `${V1}/diagnose`,
  async (c, next) => {
    const type = mediaType(c.req.header('content-type'))
    if (!ACCEPTED.includes(type)) {
      return problem(c, 'unsupported-media-type', `Send the payload as text/plain, or as application/json {"payload": "…"}${type ? `, not ${type}` : ''}.`)
    }
    await next()
  },
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => problem(c, 'payload-too-large', `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`),
  }),
  async (c) => {
    const parsed = parseBody(mediaType(c.req.header('content-type')), await c.req.arrayBuffer())
    if (!parsed.ok) return problem(c, parsed.type, parsed.detail)
    return c.json(diagnoser.diagnose(parsed.payload, parsed.context))
  },
)
app.get(`${V1}/rules`, (c) => c.json({ rules: RULES }))
app.get(`${V1}/health`, (c) => c.json({ status: 'ok', rules: RULES.length }))
app.get(`${V1}/openapi.json`, (c) => c.json(OPENAPI))

/** Known paths answer other methods with 405 and the methods they do allow. */
const ALLOW: Record<string, string> = {
  diagnose: 'POST, OPTIONS',
  rules: 'GET, HEAD, OPTIONS',
  health: 'GET, HEAD, OPTIONS',
  'openapi.json': 'GET, HEAD, OPTIONS',
}
for (const [path, allow] of Object.entries(ALLOW)) {
  app.all(`${V1}/${path}`, (c) => problem(c, 'method-not-allowed', `${c.req.method} is not allowed here. Allowed: ${allow}.`, { Allow: allow }))
}
app.all('/api/*', (c) => problem(c, 'not-found', `There is no API route ${new URL(c.req.url).pathname}. See ${V1}/openapi.json.`))
// Everything else is the static site.
app.all('*', (c) => (c.env.ASSETS ? c.env.ASSETS.fetch(c.req.raw) : c.notFound()))

app.onError((err, c) => {
  // Never the payload, never a stack trace: only what kind of failure it was.
  console.error(`api error ${c.get('requestId')}: ${err.name}`)
  return problem(c, 'internal', 'The request could not be processed. Try again; if it keeps failing, report the request id.')
})

export default app
