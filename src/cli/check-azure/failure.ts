/** A failed Azure call, classified by what the SDKs throw (identity errors and RestError). */
import type { CallFailure } from '../check-aws/failure.ts'

export interface AzureFailure extends CallFailure {
  /** Key Vault's inner error code (ForbiddenByRbac, ForbiddenByPolicy, ForbiddenByFirewall…), when there is one. */
  inner?: string
}

// MSAL reports a token request that never got an answer as network_error (with status 400).
const NETWORK = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|socket hang up|network_error|REQUEST_SEND_ERROR|TimeoutError|timed out/i

interface Thrown {
  name?: string
  code?: string
  statusCode?: number
  message?: string
  details?: { error?: { code?: string; innererror?: { code?: string }; innerError?: { code?: string } } }
}

/** Entra ID's own words (AADSTS…) when the message carries them, else the message's first line. */
function firstWords(message: string): string {
  return /AADSTS\d+:[^\r\n]*/.exec(message)?.[0] ?? message.split('\n')[0]
}

export function classifyAzure(error: unknown): AzureFailure {
  const e = (error ?? {}) as Thrown
  const message = e.message ?? String(error)
  if (e.name === 'AggregateAuthenticationError' || e.name === 'CredentialUnavailableError') return { kind: 'credentials', name: 'CredentialUnavailableError', message: firstWords(message) }
  if (e.name === 'AuthenticationError') {
    return NETWORK.test(message) ? { kind: 'network', name: e.name, message: firstWords(message) } : { kind: 'credentials', name: e.name, message: firstWords(message.split('More details:\n')[1] ?? message) }
  }
  const inner = e.details?.error?.innererror?.code ?? e.details?.error?.innerError?.code
  const name = inner ?? e.code ?? e.name ?? 'Error'
  const first = message.split(/\r?\n/)[0]
  if (e.statusCode === undefined && (NETWORK.test(e.code ?? '') || NETWORK.test(message))) return { kind: 'network', name, message: first }
  if (e.statusCode === 429) return { kind: 'throttled', name, message: first }
  // 401: no token, or one for another resource or tenant; 403: a token without the permission.
  if (e.statusCode === 401) return { kind: 'credentials', name, message: first }
  if (e.statusCode === 403) return { kind: 'denied', name, message: first, ...(inner && { inner }) }
  if (e.statusCode === 404) return { kind: 'not-found', name, message: first }
  return { kind: 'other', name, message: first }
}
