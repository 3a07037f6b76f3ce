/** google.rpc.Code: number ↔ canonical name, plus the CamelCase spellings Go, .NET, Rust and Python use. */
export const GRPC_CODES = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS',
  'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE',
  'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
] as const

const BY_CAMEL = new Map<string, string>(
  GRPC_CODES.map((name) => [name.toLowerCase().replace(/_/g, ''), name]),
)
// google-api-core exception classes that differ from the status name.
BY_CAMEL.set('forbidden', 'PERMISSION_DENIED')
BY_CAMEL.set('badrequest', 'INVALID_ARGUMENT')
BY_CAMEL.set('toomanyrequests', 'RESOURCE_EXHAUSTED')
BY_CAMEL.set('internalservererror', 'INTERNAL')
BY_CAMEL.set('serviceunavailable', 'UNAVAILABLE')
BY_CAMEL.set('gatewaytimeout', 'DEADLINE_EXCEEDED')
BY_CAMEL.set('unauthorized', 'UNAUTHENTICATED')
BY_CAMEL.set('methodnotimplemented', 'UNIMPLEMENTED')
BY_CAMEL.set('cancelled', 'CANCELLED')

/** Canonical gRPC status for "PermissionDenied", "PERMISSION_DENIED", "7" — or undefined. */
export function grpcName(raw: string): string | undefined {
  if (/^\d{1,2}$/.test(raw)) return GRPC_CODES[Number(raw)]
  const upper = raw.toUpperCase()
  if ((GRPC_CODES as readonly string[]).includes(upper) && upper !== 'OK') return upper
  return BY_CAMEL.get(raw.toLowerCase().replace(/_/g, ''))
}

const HTTP_OF: Record<string, number> = {
  INVALID_ARGUMENT: 400, FAILED_PRECONDITION: 400, OUT_OF_RANGE: 400, UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403, NOT_FOUND: 404, ALREADY_EXISTS: 409, ABORTED: 409, RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499, INTERNAL: 500, UNKNOWN: 500, DATA_LOSS: 500, UNIMPLEMENTED: 501, UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
}

export function httpOfGrpc(name: string): number | undefined {
  return HTTP_OF[name]
}
