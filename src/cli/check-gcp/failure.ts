/**
 * A failed Google Cloud call, classified without the client libraries (so the CLI loads them only
 * for `check gcp`). Three shapes arrive: google-gax's errors (a numeric gRPC code, ErrorInfo already
 * read), gaxios's (the HTTP response with Google's JSON error body, or an OAuth error body from the
 * token endpoint) and plain network errors.
 */
export interface GoogleFailure {
  kind: 'no-credentials' | 'credentials' | 'impersonation' | 'denied' | 'service-disabled' | 'throttled' | 'not-found' | 'network' | 'other'
  /** Google's status (PERMISSION_DENIED…), the OAuth error (invalid_grant…) or the network code (ECONNREFUSED…). */
  status: string
  message: string
  /** From the error's google.rpc.ErrorInfo. */
  reason?: string
  metadata?: Record<string, string>
}

/** Thrown before any request when no credentials exist, so nothing waits on a metadata server. */
export class NoCredentialsError extends Error {
  override name = 'NoCredentialsError'
}

// google.rpc.Code by number, as google-gax reports it.
const CODES = ['OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED']
const BY_HTTP: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED' }
const NETWORK = /^(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_\w+|TimeoutError|UNAVAILABLE|DEADLINE_EXCEEDED)$/
const OAUTH = /^(?:invalid_grant|invalid_client|invalid_request|invalid_scope|unauthorized_client|access_denied|invalid_rapt)$/

interface Raw {
  name?: string
  code?: number | string
  message?: string
  reason?: string
  errorInfoMetadata?: Record<string, string>
  cause?: { code?: string }
  response?: { status?: number; data?: unknown }
}
type Detail = { '@type'?: string; reason?: string; metadata?: Record<string, string> }
type Body = { error?: string | { status?: string; message?: string; details?: Detail[] }; error_description?: string }

function parts(e: Raw): Omit<GoogleFailure, 'kind'> {
  const message = (e.message ?? String(e)).split('\n')[0]
  if (e.name === 'NoCredentialsError') return { status: 'NO_CREDENTIALS', message }
  const body = (e.response?.data ?? undefined) as Body | undefined
  if (body && typeof body.error === 'object') {
    const info = body.error.details?.find((d) => d['@type']?.endsWith('google.rpc.ErrorInfo'))
    return { status: body.error.status ?? BY_HTTP[e.response!.status!] ?? `HTTP ${e.response!.status}`, message: body.error.message ?? message, reason: info?.reason, metadata: info?.metadata }
  }
  if (body && typeof body.error === 'string') return { status: body.error, message: body.error_description ?? body.error }
  if (e.response?.status) return { status: BY_HTTP[e.response.status] ?? `HTTP ${e.response.status}`, message }
  // google-gax: the gRPC code as a number, with the ErrorInfo it found.
  if (typeof e.code === 'number' && CODES[e.code]) {
    const network = e.cause?.code && NETWORK.test(e.cause.code) ? e.cause.code : undefined
    return { status: network ?? CODES[e.code], message, reason: e.reason, metadata: e.errorInfoMetadata }
  }
  const code = [e.code, e.cause?.code, e.name].find((c) => typeof c === 'string' && NETWORK.test(c))
  return { status: String(code ?? e.code ?? e.name ?? 'Error'), message }
}

export function classify(error: unknown): GoogleFailure {
  const raw = (error ?? {}) as Raw
  const p = parts(raw)
  const kind: GoogleFailure['kind'] =
    p.status === 'NO_CREDENTIALS'
      ? 'no-credentials'
      : p.metadata?.permission === 'iam.serviceAccounts.getAccessToken' || /unable to impersonate/.test(raw.message ?? '')
        ? 'impersonation'
        : p.reason === 'SERVICE_DISABLED'
          ? 'service-disabled'
          : p.status === 'UNAUTHENTICATED' || OAUTH.test(p.status) || p.reason === 'ACCESS_TOKEN_SCOPE_INSUFFICIENT'
            ? 'credentials'
            : p.status === 'PERMISSION_DENIED'
              ? 'denied'
              : p.status === 'RESOURCE_EXHAUSTED'
                ? 'throttled'
                : p.status === 'NOT_FOUND'
                  ? 'not-found'
                  : NETWORK.test(p.status) || /^HTTP 5\d\d$/.test(p.status)
                    ? 'network'
                    : 'other'
  return { kind, ...p }
}
