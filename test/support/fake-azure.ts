/**
 * A local Azure for the `check azure` tests, speaking the real wire formats over HTTPS: Microsoft
 * Entra ID's token endpoint (login.microsoftonline.com), Key Vault's REST API with its challenge
 * (a first request without a token gets 401 and WWW-Authenticate), Azure Resource Manager (vaults,
 * subscriptions, role assignments and definitions, with ARM's error shape) and Microsoft Graph.
 *
 * The SDKs reach it by their real host names: the fake is an HTTPS proxy (HTTPS_PROXY, which every
 * Azure SDK pipeline honours) that answers CONNECT for those hosts only, always by tunnelling to its
 * own TLS server on 127.0.0.1, whose certificate names them. So the CLI needs no test switch, Key
 * Vault's challenge check (the vault host must end in .vault.azure.net) stays on, and nothing leaves
 * loopback: a CONNECT to any other host is refused and recorded.
 */
import { execFileSync } from 'node:child_process'
import { generateKeyPairSync, randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { connect, type AddressInfo, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const HOSTS = ['login.microsoftonline.com', 'management.azure.com', 'graph.microsoft.com'] as const
const VAULT_HOST = /^([a-z0-9-]+)\.vault\.azure\.net$/

/** What a call answers instead of its normal reply: status, JSON body and headers. */
export interface FakeReply {
  status: number
  body: unknown
  headers?: Record<string, string>
}

/** The calls a scenario can make fail, each by the host it reaches. */
export type Operation = 'token' | 'getKey' | 'subscriptions' | 'vaults' | 'servicePrincipals' | 'roleAssignments' | 'roleDefinition'

export interface RoleAssignment {
  name: string
  scope: string
  roleDefinitionId: string
  principalId: string
  principalType: string
}

export interface RoleDefinition {
  roleName: string
  type: 'BuiltInRole' | 'CustomRole'
  permissions: { actions: string[]; notActions: string[]; dataActions: string[]; notDataActions: string[] }[]
  assignableScopes: string[]
}

export interface Tenant {
  tenantId: string
  /** The service principal that may sign in with a client secret, as EnvironmentCredential does. */
  client: { appId: string; objectId: string; secret: string }
  subscriptions: { subscriptionId: string; displayName: string }[]
  /** ARM vault resources (Microsoft.KeyVault/vaults), by subscription id. */
  vaults: Record<string, { id: string; name: string; type: string; location: string; properties: Record<string, unknown> }[]>
  /** Key Vault key bundles, by vault name and key name: each version, the current one last. */
  keys: Record<string, Record<string, { version: string; bundle: Record<string, unknown> }[]>>
  servicePrincipals: { id: string; appId: string; displayName: string }[]
  roleAssignments: RoleAssignment[]
  /** Role definitions by their full id (/subscriptions/…/providers/Microsoft.Authorization/roleDefinitions/<guid>). */
  roleDefinitions: Record<string, RoleDefinition>
  errors: Partial<Record<Operation, FakeReply>>
}

export interface Recorded {
  method: string
  host: string
  path: string
  query: string
  token: boolean
}

export interface FakeAzure {
  /** The proxy's URL, for HTTPS_PROXY. */
  proxy: string
  /** The test certificate (PEM) the TLS server presents; trust it to reach the fake. */
  certificate: string
  /** Its file, for NODE_EXTRA_CA_CERTS in a child process. */
  certificateFile: string
  tenant: Tenant
  /** Every request received, in order; token says whether it carried a bearer token. */
  requests: Recorded[]
  /** What the proxy refused: a CONNECT to a host the fake does not serve, or a plain HTTP request. */
  refused: string[]
  close(): Promise<void>
}

/** A self-signed certificate for the hosts the fake serves, made for this run only. */
function testCertificate(dir: string): { key: string; cert: string; certFile: string } {
  const keyFile = join(dir, 'key.pem')
  const certFile = join(dir, 'cert.pem')
  const names = ['*.vault.azure.net', ...HOSTS].map((h) => `DNS:${h}`).join(',')
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=ekm-doctor fake Azure', '-addext', `subjectAltName=${names}`, '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' })
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile }
}

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

/** An access token shaped like Entra ID's (a JWT); the signature is not real, and nothing checks it. */
function accessToken(tenant: Tenant, scope: string): string {
  const now = Math.floor(Date.now() / 1000)
  const aud = scope.replace(/\/\.default$/, '')
  const claims = { aud, iss: `https://sts.windows.net/${tenant.tenantId}/`, iat: now, nbf: now, exp: now + 3600, appid: tenant.client.appId, oid: tenant.client.objectId, sub: tenant.client.objectId, tid: tenant.tenantId }
  return `${b64url({ typ: 'JWT', alg: 'RS256', kid: 'fake' })}.${b64url(claims)}.${Buffer.from('not-a-signature').toString('base64url')}`
}

/** The resource a token was issued for (its aud claim), or undefined without a bearer token. */
function audience(req: IncomingMessage): string | undefined {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
  try {
    return token ? (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { aud: string }).aud : undefined
  } catch {
    return undefined
  }
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = ''
    req.on('data', (c) => (data += c))
    req.on('end', () => resolve(data))
  })
}

function send(res: ServerResponse, reply: FakeReply) {
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': randomUUID(), ...reply.headers })
  res.end(JSON.stringify(reply.body))
}

const ok = (b: unknown): FakeReply => ({ status: 200, body: b })

/** Entra ID's error body: error, error_description with trace lines, error_codes and ids. */
export function entraError(status: number, error: string, code: number, text: string): FakeReply {
  const trace = randomUUID()
  const correlation = randomUUID()
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z')
  return { status, body: { error, error_description: `AADSTS${code}: ${text}\r\nTrace ID: ${trace}\r\nCorrelation ID: ${correlation}\r\nTimestamp: ${timestamp}`, error_codes: [code], timestamp, trace_id: trace, correlation_id: correlation, error_uri: `https://login.microsoftonline.com/error?code=${code}` } }
}

/** ARM's refusal of a control-plane read, worded as ARM words it. */
export function armAuthorizationFailed(tenant: Tenant, action: string, scope: string): FakeReply {
  const { appId, objectId } = tenant.client
  return { status: 403, body: { error: { code: 'AuthorizationFailed', message: `The client '${appId}' with object id '${objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.` } } }
}

/** Key Vault's data-plane refusal by Azure RBAC (inner code ForbiddenByRbac). */
export function keyVaultForbiddenByRbac(tenant: Tenant, vault: string, action: string, resource: string): FakeReply {
  const { appId, objectId } = tenant.client
  const message = `Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid=${appId};oid=${objectId};iss=https://sts.windows.net/${tenant.tenantId}/\r\nAction: '${action}'\r\nResource: '${resource}'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: 'DeniedWithNoValidRBAC' \r\nVault: ${vault};location=westeurope\r\n`
  return { status: 403, body: { error: { code: 'Forbidden', message, innererror: { code: 'ForbiddenByRbac' } } } }
}

/** Throttling, the same on every attempt: 429 with Retry-After (seconds). */
export function throttled(): FakeReply {
  return { status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'Throttled', message: 'Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached' } } }
}

/** A real RSA public key's modulus and exponent, base64url as Key Vault sends them. */
export function rsaPublicKey(bits: number): { n: string; e: string } {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits })
  const jwk = publicKey.export({ format: 'jwk' })
  return { n: jwk.n!, e: jwk.e! }
}

function login(tenant: Tenant, method: string, path: string, form: URLSearchParams): FakeReply {
  const base = 'https://login.microsoftonline.com'
  const m = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|discovery\/instance)/.exec(path)
  if (!m) return { status: 404, body: { error: 'not_found' } }
  const [, tid, what] = m
  if (what === 'discovery/instance') {
    return ok({ tenant_discovery_endpoint: `${base}/${tid}/v2.0/.well-known/openid-configuration`, 'api-version': '1.1', metadata: [{ preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'] }] })
  }
  if (tid !== tenant.tenantId && tid !== 'common' && tid !== 'organizations') {
    return entraError(400, 'invalid_request', 90002, `Tenant '${tid}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`)
  }
  if (what.startsWith('v2.0')) {
    return ok({ token_endpoint: `${base}/${tid}/oauth2/v2.0/token`, token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'], jwks_uri: `${base}/${tid}/discovery/v2.0/keys`, response_modes_supported: ['query', 'fragment', 'form_post'], subject_types_supported: ['pairwise'], id_token_signing_alg_values_supported: ['RS256'], response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'], scopes_supported: ['openid', 'profile', 'email', 'offline_access'], issuer: `${base}/${tid}/v2.0`, request_uri_parameter_supported: false, userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo', authorization_endpoint: `${base}/${tid}/oauth2/v2.0/authorize`, device_authorization_endpoint: `${base}/${tid}/oauth2/v2.0/devicecode`, http_logout_supported: true, frontchannel_logout_supported: true, end_session_endpoint: `${base}/${tid}/oauth2/v2.0/logout`, claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'tid'], kerberos_endpoint: `${base}/${tid}/kerberos`, tenant_region_scope: 'EU', cloud_instance_name: 'microsoftonline.com', cloud_graph_host_name: 'graph.windows.net', msgraph_host: 'graph.microsoft.com', rbac_url: 'https://pas.windows.net' })
  }
  if (method !== 'POST') return { status: 405, body: { error: 'invalid_request' } }
  if (tenant.errors.token) return tenant.errors.token
  if (form.get('grant_type') !== 'client_credentials') return entraError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.')
  if (form.get('client_id') !== tenant.client.appId) {
    return entraError(400, 'unauthorized_client', 700016, `Application with identifier '${form.get('client_id')}' was not found in the directory '${tenant.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`)
  }
  if (form.get('client_secret') !== tenant.client.secret) return entraError(401, 'invalid_client', 7000215, 'Invalid client secret is provided.')
  const scope = form.get('scope')?.split(' ').find((s) => s.endsWith('/.default')) ?? ''
  return ok({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken(tenant, scope) })
}

function keyVault(tenant: Tenant, vault: string, req: IncomingMessage, url: URL): FakeReply {
  const aud = audience(req)
  // Key Vault's challenge: no (or a wrong) token gets 401 with the authority and the resource to ask for.
  if (aud !== 'https://vault.azure.net') {
    return { status: 401, headers: { 'www-authenticate': `Bearer authorization="https://login.microsoftonline.com/${tenant.tenantId}", resource="https://vault.azure.net"` }, body: { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } } }
  }
  const m = /^\/keys\/([^/]+)(?:\/([^/]*))?\/?$/.exec(url.pathname)
  if (!m || req.method !== 'GET') return { status: 400, body: { error: { code: 'BadParameter', message: 'Unsupported request in the fake.' } } }
  if (tenant.errors.getKey) return tenant.errors.getKey
  const [, name, version] = m
  const versions = tenant.keys[vault]?.[name]
  const found = version ? versions?.find((v) => v.version === version) : versions?.at(-1)
  if (!found) return { status: 404, body: { error: { code: 'KeyNotFound', message: `A key with (name/id) ${name}${version ? `/${version}` : ''} was not found in this key vault. If you recently deleted this key you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182` } } }
  return ok(found.bundle)
}

const armError = (status: number, code: string, message: string): FakeReply => ({ status, body: { error: { code, message } } })

function management(tenant: Tenant, req: IncomingMessage, url: URL): FakeReply {
  if (audience(req) !== 'https://management.azure.com') {
    return { status: 401, headers: { 'www-authenticate': `Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="The authentication failed because of missing 'Authorization' header."` }, body: { error: { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is missing." } } }
  }
  if (!url.searchParams.get('api-version')) return armError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.")
  const path = url.pathname
  if (path === '/subscriptions') {
    if (tenant.errors.subscriptions) return tenant.errors.subscriptions
    const value = tenant.subscriptions.map((s) => ({ id: `/subscriptions/${s.subscriptionId}`, authorizationSource: 'RoleBased', managedByTenants: [], subscriptionId: s.subscriptionId, tenantId: tenant.tenantId, displayName: s.displayName, state: 'Enabled', subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' } }))
    return ok({ value, count: { type: 'Total', value: value.length } })
  }
  let m = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.KeyVault\/vaults$/i.exec(path)
  if (m) {
    if (tenant.errors.vaults) return tenant.errors.vaults
    if (!tenant.subscriptions.some((s) => s.subscriptionId === m![1])) return armError(404, 'SubscriptionNotFound', `The subscription '${m[1]}' could not be found.`)
    return ok({ value: tenant.vaults[m[1]] ?? [] })
  }
  m = /^(\/(?:subscriptions|providers)\/.+)\/providers\/Microsoft\.Authorization\/roleAssignments$/i.exec(path)
  if (m) {
    if (tenant.errors.roleAssignments) return tenant.errors.roleAssignments
    const scope = m[1].toLowerCase()
    const principal = /^principalId eq '([^']+)'$/.exec(url.searchParams.get('$filter') ?? '')?.[1]
    // ARM's principalId filter: the principal's assignments at, above and below the scope.
    const related = (s: string) => scope === s.toLowerCase() || scope.startsWith(`${s.toLowerCase()}/`) || s.toLowerCase().startsWith(`${scope}/`)
    const value = tenant.roleAssignments
      .filter((a) => related(a.scope) && (!principal || a.principalId === principal))
      .map((a) => ({ properties: { roleDefinitionId: a.roleDefinitionId, principalId: a.principalId, principalType: a.principalType, scope: a.scope, condition: null, conditionVersion: null, createdOn: '2026-01-05T10:00:00.0000000Z', updatedOn: '2026-01-05T10:00:00.0000000Z', createdBy: tenant.client.objectId, updatedBy: tenant.client.objectId, delegatedManagedIdentityResourceId: null, description: null }, id: `${a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`, type: 'Microsoft.Authorization/roleAssignments', name: a.name }))
    return ok({ value })
  }
  m = /^(\/subscriptions\/[^/]+\/providers\/Microsoft\.Authorization\/roleDefinitions\/([^/]+))$/i.exec(path)
  if (m) {
    if (tenant.errors.roleDefinition) return tenant.errors.roleDefinition
    const def = tenant.roleDefinitions[m[1]]
    if (!def) return armError(404, 'RoleDefinitionDoesNotExist', 'The specified role definition with ID \'' + m[2] + '\' does not exist.')
    const { type, ...rest } = def
    return ok({ properties: { ...rest, type, description: '', createdOn: '2026-01-05T09:00:00.0000000Z', updatedOn: '2026-01-05T09:00:00.0000000Z', createdBy: null, updatedBy: null }, id: m[1], type: 'Microsoft.Authorization/roleDefinitions', name: m[2] })
  }
  return armError(404, 'InvalidResourceType', `The resource type could not be found in the namespace for api version '${url.searchParams.get('api-version')}'.`)
}

function graph(tenant: Tenant, req: IncomingMessage, url: URL): FakeReply {
  const date = new Date().toISOString().slice(0, 19)
  if (audience(req) !== 'https://graph.microsoft.com') {
    return { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.', innerError: { date, 'request-id': randomUUID(), 'client-request-id': randomUUID() } } } }
  }
  if (url.pathname !== '/v1.0/servicePrincipals') return { status: 400, body: { error: { code: 'BadRequest', message: `Resource not found for the segment '${url.pathname.split('/').pop()}'.`, innerError: { date, 'request-id': randomUUID() } } } }
  if (tenant.errors.servicePrincipals) return tenant.errors.servicePrincipals
  const appId = /^appId eq '([^']+)'$/.exec(url.searchParams.get('$filter') ?? '')?.[1]
  const select = url.searchParams.get('$select')
  const value = tenant.servicePrincipals.filter((s) => !appId || s.appId === appId).map((s) => (select ? Object.fromEntries(select.split(',').map((k) => [k, s[k as keyof typeof s]])) : { ...s, servicePrincipalType: 'Application', accountEnabled: true }))
  return ok({ '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#servicePrincipals${select ? `(${select})` : ''}`, value })
}

/** Graph's refusal for lack of directory privileges. */
export function graphDenied(): FakeReply {
  return { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.', innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': randomUUID(), 'client-request-id': randomUUID() } } } }
}

const listening = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))
const closing = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()))

export async function startFakeAzure(tenant: Tenant): Promise<FakeAzure> {
  const dir = mkdtempSync(join(tmpdir(), 'fake-azure-'))
  const { key, cert, certFile } = testCertificate(dir)
  const requests: Recorded[] = []
  const refused: string[] = []
  const fake: FakeAzure = { proxy: '', certificate: cert, certificateFile: certFile, tenant, requests, refused, close: async () => {} }

  const tls = createHttpsServer({ key, cert }, async (req, res) => {
    const host = (req.headers.host ?? '').replace(/:443$/, '')
    const url = new URL(req.url ?? '/', `https://${host}`)
    const text = await body(req)
    requests.push({ method: req.method ?? '', host, path: url.pathname, query: url.search, token: /^Bearer /.test(req.headers.authorization ?? '') })
    const vault = VAULT_HOST.exec(host)?.[1]
    const t = fake.tenant
    const reply =
      host === 'login.microsoftonline.com'
        ? login(t, req.method ?? 'GET', url.pathname, new URLSearchParams(text))
        : vault
          ? keyVault(t, vault, req, url)
          : host === 'management.azure.com'
            ? management(t, req, url)
            : graph(t, req, url)
    send(res, reply)
  })
  const tlsPort = await listening(tls)

  // HTTPS_PROXY also carries plain-HTTP requests (the SDK falls back to it): refused and recorded.
  const proxy = createHttpServer((req, res) => {
    refused.push(`${req.method} ${req.url}`)
    res.writeHead(400).end('this proxy only tunnels (CONNECT)')
  })
  const tunnels = new Set<{ destroy(): void }>()
  proxy.on('connect', (req: IncomingMessage, socket, head: Buffer) => {
    const [host, port] = (req.url ?? '').split(':')
    if (port !== '443' || !(HOSTS.includes(host as (typeof HOSTS)[number]) || VAULT_HOST.test(host))) {
      refused.push(req.url ?? '')
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    // Every tunnel ends at this process's own TLS server: nothing reaches the real host.
    const upstream = connect(tlsPort, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      upstream.pipe(socket)
      socket.pipe(upstream)
    })
    const drop = () => {
      upstream.destroy()
      socket.destroy()
      tunnels.delete(tunnel)
    }
    const tunnel = { destroy: drop }
    tunnels.add(tunnel)
    upstream.on('error', drop).on('close', drop)
    socket.on('error', drop).on('close', drop)
  })
  const proxyPort = await listening(proxy)
  fake.proxy = `http://127.0.0.1:${proxyPort}`
  fake.close = async () => {
    for (const t of tunnels) t.destroy()
    proxy.closeAllConnections()
    tls.closeAllConnections()
    await Promise.all([closing(proxy), closing(tls)])
    rmSync(dir, { recursive: true, force: true })
  }
  return fake
}
