/** The Hono app: /api/v1 routes, their middleware, and problem documents for every failure. */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { MAX_BODY_BYTES, mediaType, parseBody, TERRAFORM_SOURCE } from './body.ts'
import { BODY_TIMEOUT_MS, bodyTimeout, rateLimit, type RateLimiter } from './limits.ts'
import { OPENAPI } from './openapi.ts'
import { problem } from './problems.ts'
import { registry, type Assets, type Registry } from './registry.ts'

export interface Env {
  ASSETS?: Assets
  DIAGNOSE_LIMITER?: RateLimiter
  /** Origins (comma-separated) whose pages may call the diagnose route from a browser. */
  CORS_ORIGINS?: string
  BODY_TIMEOUT_MS?: string
}

// YAML is sent as itself: a CloudFormation template or gcloud's output, read like text/plain.
const ACCEPTED = ['text/plain', 'application/json', 'application/yaml', 'application/x-yaml', 'text/yaml']

const V1 = '/api/v1'
const app = new Hono<{ Bindings: Env; Variables: { registry: Registry } }>()

/** /api/… in any case: the API answers it, never the site. */
const isApiPath = (c: Context) => /^\/api(?:\/|$)/i.test(new URL(c.req.url).pathname)
// The API's answers are data, never pages: nothing to run, nothing to frame. The site's own
// headers (and its script hashes) are in dist/_headers, written by scripts/csp.mjs.
const withRequestId = requestId()
const apiHeaders = secureHeaders({ xFrameOptions: 'DENY', contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } })
app.use('*', async (c, next) => {
  if (!isApiPath(c)) return next()
  await withRequestId(c, async () => {
    await apiHeaders(c, next)
  })
})
// The read-only documents are public: any page may fetch them, without credentials.
for (const path of ['rules', 'health', 'openapi.json']) {
  app.use(`${V1}/${path}`, cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['X-Request-Id'], maxAge: 600 }))
}
// Diagnose is called by the site itself (same origin, no CORS needed), the CLI and servers (no
// browser, no CORS). Other pages only when the deployment names their origin in CORS_ORIGINS.
app.use(
  `${V1}/diagnose`,
  cors({
    origin: (origin, c) => ((c.env as Env).CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean).includes(origin) ? origin : null,
    allowMethods: ['POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  }),
  async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store') // an answer about a pasted payload is for its sender only
  },
  rateLimit((env) => (env as Env).DIAGNOSE_LIMITER),
)

// The routes that answer from the symptom registry, loaded once per isolate from the assets.
app.on(['GET', 'HEAD', 'POST'], [`${V1}/diagnose`, `${V1}/rules`, `${V1}/health`], async (c, next) => {
  try {
    c.set('registry', await registry(c.env.ASSETS, c.req.url))
  } catch (err) {
    console.error(`api registry ${c.get('requestId')}: ${(err as Error).message}`)
    return problem(c, 'unavailable', 'The symptom registry could not be loaded. Try again in a moment.', { 'Retry-After': '5' })
  }
  await next()
})

app.post(
  `${V1}/diagnose`,
  async (c, next) => {
    const type = mediaType(c.req.header('content-type'))
    if (/hcl|terraform/.test(type)) return problem(c, 'terraform-source', TERRAFORM_SOURCE)
    if (!ACCEPTED.includes(type)) {
      return problem(c, 'unsupported-media-type', `Send the payload as text/plain (or application/yaml), or as application/json {"payload": "…"}${type ? `, not ${type}` : ''}.`)
    }
    await next()
  },
  bodyTimeout((env) => Number((env as Env).BODY_TIMEOUT_MS) || BODY_TIMEOUT_MS),
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => problem(c, 'payload-too-large', `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`),
  }),
  async (c) => {
    const parsed = parseBody(mediaType(c.req.header('content-type')), await c.req.arrayBuffer())
    if (!parsed.ok) return problem(c, parsed.type, parsed.detail)
    return c.json(c.get('registry').diagnoser.diagnose(parsed.payload, parsed.context))
  },
)
app.get(`${V1}/rules`, (c) => c.json({ rules: c.get('registry').rules }))
app.get(`${V1}/health`, (c) => c.json({ status: 'ok', rules: c.get('registry').rules.length }))
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
const notFound = (c: Context) => problem(c, 'not-found', `There is no API route ${new URL(c.req.url).pathname}. API paths are lower case, under ${V1}/; see ${V1}/openapi.json.`)
app.all('/api/*', notFound)
// Everything else is the static site, except /API/… in another case: still an API answer, not a page.
app.all('*', (c) => {
  if (isApiPath(c)) return notFound(c)
  return c.env.ASSETS ? c.env.ASSETS.fetch(c.req.raw) : c.notFound()
})

app.onError((err, c) => {
  // Never the payload, never a stack trace: only what kind of failure it was.
  console.error(`api error ${c.get('requestId')}: ${err.name}`)
  return problem(c, 'internal', 'The request could not be processed. Try again; if it keeps failing, report the request id.')
})

export default app
