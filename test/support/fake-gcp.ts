/**
 * A local Google Cloud endpoint for the `check gcp` tests, speaking what Google's client libraries
 * send and expect: Cloud KMS REST v1 (enums as numbers when the client asks with
 * `$alt=json;enum-encoding=int`, as @google-cloud/kms does), IAM v1 (workload identity pools and
 * providers, a service account's getIamPolicy), IAM Service Account Credentials (generateAccessToken),
 * Service Usage v1, an OAuth 2 token endpoint, and Google's JSON error bodies. It checks the bearer
 * token of every call and records every request, so a test can prove nothing was written.
 */
import { createServer } from 'node:http'
import { createRequire } from 'node:module'

export type Json = { [key: string]: unknown }

export interface FakeError {
  status: number
  /** Google's status (PERMISSION_DENIED…) or, at the token endpoint, the OAuth error (invalid_grant…). */
  code: string
  message: string
  details?: Json[]
}

export type Operation = 'token' | 'generateAccessToken' | 'kms.getCryptoKey' | 'kms.getIamPolicy' | 'iam.getPool' | 'iam.getProvider' | 'iam.getServiceAccountIamPolicy' | 'serviceusage.getService'

export interface Cloud {
  /** CryptoKey resource name → the key as the REST API returns it (enum names as strings). */
  keys: Record<string, Json>
  keyPolicies: Record<string, Json>
  /** Pool and provider resource names → the resource. */
  pools: Record<string, Json>
  providers: Record<string, Json>
  /** Project id or number → the Cloud KMS API's Service Usage entry there. */
  services: Record<string, { parent: string; state: 'ENABLED' | 'DISABLED' }>
  serviceAccountPolicies: Record<string, Json>
  /** Service accounts the caller may impersonate (holds Token Creator on). */
  impersonable: string[]
  /** Operation → the error it always returns. */
  errors: Partial<Record<Operation, FakeError>>
}

export interface Request {
  method: string
  path: string
  op: Operation | 'unknown'
  /** Whose token the call carried: "user", a service account, or "none". */
  as: string
  query: string
}

const USER_TOKEN = 'ya29.fake-user-access-token'
const require = createRequire(import.meta.url)
// The enum numbers, from the descriptor @google-cloud/kms itself decodes with.
const KMS = require('@google-cloud/kms/build/protos/protos.json').nested.google.nested.cloud.nested.kms.nested.v1.nested
const ENUMS: Record<string, Record<string, number>> = {
  purpose: KMS.CryptoKey.nested.CryptoKeyPurpose.values,
  state: KMS.CryptoKeyVersion.nested.CryptoKeyVersionState.values,
  protectionLevel: KMS.ProtectionLevel.values,
  algorithm: KMS.CryptoKeyVersion.nested.CryptoKeyVersionAlgorithm.values,
}

function numericEnums(value: unknown, field = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => numericEnums(v))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, numericEnums(v, k)]))
  return typeof value === 'string' && ENUMS[field]?.[value] !== undefined ? ENUMS[field][value] : value
}

/** Google's error body; `reason` and `metadata` become the google.rpc.ErrorInfo detail. */
export function googleError(status: number, code: string, message: string, info?: { reason: string; domain: string; metadata: Record<string, string> }): FakeError {
  return { status, code, message, ...(info && { details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', ...info }] }) }
}

/**
 * An answer without the permission, in the wording Cloud KMS and IAM use ("or it may not exist":
 * Google answers the same way when the resource is missing).
 */
export const denied = (domain: string, permission: string, resource?: string) =>
  googleError(403, 'PERMISSION_DENIED', `Permission '${permission}' denied on resource${resource ? ` '${resource}'` : ''} (or it may not exist).`, { reason: 'IAM_PERMISSION_DENIED', domain, metadata: { permission } })

const UNAUTHENTICATED = googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.')

type Reply = { status: number; body: unknown }
const ok = (value: unknown): Reply => ({ status: 200, body: value })
const fail = (e: FakeError): Reply => (e.code === e.code.toLowerCase() ? { status: e.status, body: { error: e.code, error_description: e.message } } : { status: e.status, body: { error: { code: e.status, message: e.message, status: e.code, ...(e.details && { details: e.details }) } } })
const notFound = (message: string) => fail(googleError(404, 'NOT_FOUND', message))

// Each route: method, path pattern, the operation it is.
const ROUTES: [string, RegExp, Operation][] = [
  ['POST', /^\/token$/, 'token'],
  ['POST', /^\/v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/, 'generateAccessToken'],
  ['POST', /^\/v1\/projects\/-\/serviceAccounts\/([^/:]+):getIamPolicy$/, 'iam.getServiceAccountIamPolicy'],
  ['GET', /^\/v1\/(projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/:]+)$/, 'kms.getCryptoKey'],
  // Cloud KMS serves getIamPolicy as GET only; a POST finds no route here, as it finds none at Google.
  ['GET', /^\/v1\/(projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/:]+):getIamPolicy$/, 'kms.getIamPolicy'],
  ['GET', /^\/v1\/(projects\/[^/]+\/locations\/global\/workloadIdentityPools\/[^/]+)$/, 'iam.getPool'],
  ['GET', /^\/v1\/(projects\/[^/]+\/locations\/global\/workloadIdentityPools\/[^/]+\/providers\/[^/]+)$/, 'iam.getProvider'],
  ['GET', /^\/v1\/projects\/([^/]+)\/services\/cloudkms\.googleapis\.com$/, 'serviceusage.getService'],
]

export interface FakeGcp {
  url: string
  cloud: Cloud
  requests: Request[]
  close(): Promise<void>
}

export async function startFakeGcp(cloud: Cloud): Promise<FakeGcp> {
  const requests: Request[] = []
  const fake: FakeGcp = { url: '', cloud, requests, close: async () => {} }
  const tokens = new Map<string, string>([[USER_TOKEN, 'user']])
  const server = createServer(async (req, res) => {
    await new Promise((resolve) => req.resume().on('end', resolve))
    const url = new URL(req.url ?? '/', 'http://fake')
    const route = ROUTES.find(([method, path]) => method === req.method && path.test(url.pathname))
    const op = route?.[2] ?? 'unknown'
    const as = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, '')) ?? 'none'
    requests.push({ method: req.method ?? '', path: url.pathname, op, as, query: url.search })
    const reply = route ? answer(fake.cloud, op as Operation, route[1].exec(url.pathname)?.[1] ?? '', as) : { status: 404, body: `fake-gcp: no route for ${req.method} ${url.pathname}` }
    const numeric = op.startsWith('kms.') && (url.searchParams.get('$alt') ?? '').includes('enum-encoding=int')
    if (reply.status === 200 && op === 'generateAccessToken') tokens.set((reply.body as { accessToken: string }).accessToken, route![1].exec(url.pathname)![1])
    res.writeHead(reply.status, { 'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json; charset=UTF-8' })
    res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(numeric ? numericEnums(reply.body) : reply.body))
  })

  function answer(c: Cloud, op: Operation, name: string, as: string): Reply {
    if (op !== 'token' && as === 'none') return fail(UNAUTHENTICATED)
    const error = c.errors[op]
    if (error) return fail(error)
    switch (op) {
      case 'token':
        return ok({ access_token: USER_TOKEN, expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/cloud-platform' })
      case 'generateAccessToken':
        if (as !== 'user' || !c.impersonable.includes(name)) return fail(denied('iam.googleapis.com', 'iam.serviceAccounts.getAccessToken'))
        return ok({ accessToken: `ya29.fake-token-for-${name}`, expireTime: new Date(Date.now() + 3600_000).toISOString() })
      case 'kms.getCryptoKey':
        return c.keys[name] ? ok(c.keys[name]) : notFound(`CryptoKey ${name} not found.`)
      case 'kms.getIamPolicy':
        return c.keys[name] ? ok(c.keyPolicies[name] ?? { version: 1, etag: 'ACAB' }) : notFound(`CryptoKey ${name} not found.`)
      case 'iam.getPool':
        return c.pools[name] ? ok(c.pools[name]) : notFound('Requested entity was not found.')
      case 'iam.getProvider':
        return c.providers[name] ? ok(c.providers[name]) : notFound('Requested entity was not found.')
      case 'iam.getServiceAccountIamPolicy':
        return c.serviceAccountPolicies[name] ? ok(c.serviceAccountPolicies[name]) : fail(denied('iam.googleapis.com', 'iam.serviceAccounts.getIamPolicy'))
      case 'serviceusage.getService': {
        const s = c.services[name]
        if (!s) return fail(denied('serviceusage.googleapis.com', 'serviceusage.services.get', `projects/${name}/services/cloudkms.googleapis.com`))
        return ok({ name: `${s.parent}/services/cloudkms.googleapis.com`, parent: s.parent, state: s.state, config: { name: 'cloudkms.googleapis.com', title: 'Cloud Key Management Service (KMS) API' } })
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  fake.close = () => new Promise((resolve) => server.close(() => resolve()))
  return fake
}

/** A request that could change something: any write method, or a POST that is not a read or a token. */
export const isWrite = (r: Request) => r.method !== 'GET' && !(r.method === 'POST' && /^(?:token|generateAccessToken|iam\.getServiceAccountIamPolicy)$/.test(r.op))
