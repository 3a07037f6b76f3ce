/** A failed AWS call, classified without the SDK (so the CLI loads the SDK only for `check aws`). */
/** What went wrong with a call, in words a user can act on. */
export interface CallFailure {
  kind: 'denied' | 'credentials' | 'network' | 'throttled' | 'not-found' | 'other'
  name: string
  message: string
}

const NETWORK = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|TimeoutError|socket hang up|RequestTimeout/i

export function classify(error: unknown): CallFailure {
  const e = error as { name?: string; code?: string; message?: string }
  const name = e.name ?? e.code ?? 'Error'
  const message = (e.message ?? String(error)).split('\n')[0]
  if (/^(?:AccessDenied|AccessDeniedException|UnauthorizedOperation)$/.test(name)) return { kind: 'denied', name, message }
  if (/CredentialsProviderError|ExpiredToken|InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch|IncompleteSignature|InvalidSignatureException/.test(name)) return { kind: 'credentials', name, message }
  if (/Throttl|TooManyRequests|RequestLimitExceeded|LimitExceeded/.test(name)) return { kind: 'throttled', name, message }
  if (/NotFound|NoSuchEntity/.test(name)) return { kind: 'not-found', name, message }
  if (NETWORK.test(name) || NETWORK.test(e.code ?? '') || NETWORK.test(message)) return { kind: 'network', name, message }
  return { kind: 'other', name, message }
}
