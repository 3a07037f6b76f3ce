/**
 * The Google Cloud calls `check gcp` makes, all reads, through Google's own client libraries:
 * @google-cloud/kms (REST transport) for the key, google-auth-library's authenticated requests for
 * the rest (IAM, Service Usage), Application Default Credentials, optionally impersonating a
 * service account as `gcloud --impersonate-service-account` does.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { KeyManagementServiceClient } from '@google-cloud/kms'
import { gcpMetadata, GoogleAuth, Impersonated, type AuthClient } from 'google-auth-library'
import type { Value } from '../../engine/object-literal.ts'
import { classify, NoCredentialsError } from './failure.ts'

export interface GcpOptions {
  /** The key's project: ADC needs a project, and naming it keeps the library from running gcloud to find one. */
  project: string
  /** A service account to act as, with your credentials' roles/iam.serviceAccountTokenCreator on it. */
  impersonate?: string
  /** One base URL for every Google API and the OAuth token endpoint instead of Google's (a local test endpoint). */
  endpoint?: string
}

export type Json = { [key: string]: Value }

const SCOPES = ['https://www.googleapis.com/auth/cloud-platform']
const ATTEMPTS = 3
const TIMEOUT = 10_000

/**
 * Where Application Default Credentials would come from, found without asking the metadata server:
 * off Google Cloud that question only times out. The same places google-auth-library looks.
 */
export function credentialSource(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.GOOGLE_APPLICATION_CREDENTIALS) return env.GOOGLE_APPLICATION_CREDENTIALS
  const dir = env.CLOUDSDK_CONFIG ?? (process.platform === 'win32' ? env.APPDATA && join(env.APPDATA, 'gcloud') : env.HOME && join(env.HOME, '.config', 'gcloud'))
  const file = dir && join(dir, 'application_default_credentials.json')
  if (file && existsSync(file)) return file
  // On Google Cloud (its BIOS or its serverless variables say so), or when told to use it, the metadata server.
  const detection = env.METADATA_SERVER_DETECTION?.trim().toLowerCase()
  if (detection === 'assume-present' || detection === 'ping-only' || (detection !== 'none' && gcpMetadata.getGCPResidency())) return 'the metadata server'
  return undefined
}

/** Three attempts within a second or so when Google throttles or is out of reach; the libraries' own retries are off, so this is the count. */
async function attempts<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (e) {
      const { kind } = classify(e)
      if (attempt >= ATTEMPTS || (kind !== 'throttled' && kind !== 'network')) throw e
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt))
    }
  }
}

/** A decoded client-library message as the REST JSON gcloud prints: no empty fields, times in RFC 3339, durations as "Ns". */
function restJson(value: unknown, field = ''): Value | undefined {
  if (value === null || value === undefined || value === '') return undefined
  if (Array.isArray(value)) return value.map((v) => restJson(v)).filter((v) => v !== undefined)
  if (typeof value !== 'object') return value as Value
  const o = value as Record<string, unknown>
  if ('seconds' in o && 'nanos' in o) {
    const seconds = Number(o.seconds)
    return /Time$/.test(field) ? new Date(seconds * 1000 + Number(o.nanos) / 1e6).toISOString() : `${seconds}s`
  }
  return Object.fromEntries(Object.entries(o).flatMap(([k, v]) => (restJson(v, k) === undefined ? [] : [[k, restJson(v, k)!]])))
}

/** The Impersonated constructor warns about credential files from untrusted sources; here the target is the user's own flag. */
function quietly<T>(make: () => T): T {
  const warn = console.warn
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('The `Impersonated` constructor')) warn(...args)
  }
  try {
    return make()
  } finally {
    console.warn = warn
  }
}

export function gcpApi(o: GcpOptions) {
  const url = (host: string) => o.endpoint ?? `https://${host}`
  const adc = new GoogleAuth({ scopes: SCOPES, projectId: o.project, ...(o.endpoint && { clientOptions: { endpoints: { oauth2TokenUrl: `${o.endpoint}/token` } } }) })
  let client: AuthClient | undefined
  let kms: KeyManagementServiceClient | undefined
  const session = () => {
    if (!client || !kms) throw new Error('check the credentials first')
    return { client, kms }
  }
  /** Your own identity as an IAM member, when the credentials file names it (a user login does not). */
  const member = (): string | undefined => {
    const json = adc.jsonContent as { client_email?: string } | null
    return json?.client_email ? `serviceAccount:${json.client_email}` : undefined
  }
  const get = (base: string, path: string) => attempts(async () => (await session().client.request<Json>({ url: `${base}/v1/${path}`, retry: false, timeout: TIMEOUT })).data)

  return {
    /** Loads the credentials and fetches a token: the first call, and the one that tells "who". */
    async credentials(): Promise<{ source: string; identity: string }> {
      const source = credentialSource()
      if (!source) throw new NoCredentialsError('No Google Cloud credentials found: run gcloud auth application-default login, or set GOOGLE_APPLICATION_CREDENTIALS to a credentials file.')
      const own = await adc.getClient()
      client = o.impersonate ? quietly(() => new Impersonated({ sourceClient: own, targetPrincipal: o.impersonate, targetScopes: SCOPES, lifetime: 3600, endpoint: url('iamcredentials.googleapis.com') })) : own
      await client.getAccessToken()
      const endpoint = o.endpoint ? new URL(o.endpoint) : undefined
      kms = new KeyManagementServiceClient({
        fallback: true,
        auth: new GoogleAuth({ authClient: client }),
        ...(endpoint && { apiEndpoint: endpoint.hostname, port: Number(endpoint.port || (endpoint.protocol === 'http:' ? 80 : 443)), protocol: endpoint.protocol.replace(':', '') }),
      })
      const type = (adc.jsonContent as { type?: string } | null)?.type
      const me = member()?.replace('serviceAccount:', 'service account ') ?? (type === 'authorized_user' ? 'your application default login' : 'your credentials')
      return { source, identity: o.impersonate ? `service account ${o.impersonate}, impersonated by ${me}` : me }
    },
    member,
    cryptoKey: (name: string) => attempts(async () => restJson((await session().kms.getCryptoKey({ name }, { retry: null, timeout: TIMEOUT }))[0]) as Json),
    // GET, as the Cloud KMS REST API defines it: the client library's REST transport sends POST here,
    // which Cloud KMS does not serve (googleapis/gax-nodejs#1462).
    keyIamPolicy: (name: string) => get(url('cloudkms.googleapis.com'), `${name}:getIamPolicy?options.requestedPolicyVersion=3`),
    /** A workload identity pool or provider, by resource name. */
    iamResource: (name: string) => get(url('iam.googleapis.com'), name),
    kmsService: (project: string) => get(url('serviceusage.googleapis.com'), `projects/${project}/services/cloudkms.googleapis.com`),
    serviceAccountIamPolicy: (email: string) =>
      attempts(async () => (await session().client.request<Json>({ url: `${url('iam.googleapis.com')}/v1/projects/-/serviceAccounts/${email}:getIamPolicy`, method: 'POST', data: { options: { requestedPolicyVersion: 3 } }, retry: false, timeout: TIMEOUT })).data),
    close: async () => {
      await kms?.close()
    },
  }
}

export type GcpApi = ReturnType<typeof gcpApi>
