/**
 * Secret redaction. Runs first, on the raw payload, so nothing downstream (facts, evidence,
 * messages) can carry a secret. Every scan is linear: literal-anchored patterns with bounded
 * repetition, and a token pass that never backtracks.
 */
import { each } from './each-match.ts'
import type { Redaction } from './types.ts'

interface Span {
  start: number
  end: number
  kind: string
}

const TOKEN = /[A-Za-z0-9._~+\/-]{8,}={0,2}/g
const AZURE_SECRET = /^[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}$/
const AWS_ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g
const BEARER = /\bBearer\s{1,5}([A-Za-z0-9._~+\/=-]{8,})/gi
// A label's closing quote may be escaped (a JSON document inside a JSON log line: \"password\": \"…\").
const HEADER =
  /\b(?:proxy-authorization|authorization|x-api-key|api-key|ocp-apim-subscription-key)\\?["']?\s{0,3}[:=]\s{0,3}\\?["']?([^\r\n"'\\]{1,2048})/gi
const LABELLED =
  /\b(aws_secret_access_key|secret_?access_?key|aws_session_token|session_?token|x-amz-security-token|x-amz-signature|azure_client_secret|client_?secret|client_assertion|password|passwd|pwd|access_?token|refresh_?token|id_?token|token|api_?key|apikey|secret|private_key|AccountKey|SharedAccessKey|sig)\\?["']?\s{0,3}[:=]\s{0,3}\\?["']?([^\s"'\\,;&}\]]{6,})/gi
/** The password in a URL's user-info: postgres://user:password@host */
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@\/]{0,100}:([^\s@\/]{1,200})@/gi
/** Tokens whose prefix says what they are. */
const PREFIXED: [RegExp, string][] = [
  [/^ya29\.[\w-]{20,}$/, 'google-access-token'],
  [/^AIza[\w-]{35}$/, 'google-api-key'],
  [/^(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_\w{40,})$/, 'github-token'],
  [/^glpat-[\w-]{20,}$/, 'gitlab-token'],
  [/^xox[abposr]-[\w-]{20,}$/, 'slack-token'],
  [/^npm_[A-Za-z0-9]{30,}$/, 'npm-token'],
  [/^[sr]k_(?:live|test)_[A-Za-z0-9]{20,}$/, 'stripe-key'],
]
/** An AWS secret access key on its own: 40 characters of base64 with upper case, lower case and digits. */
const AWS_SECRET_SHAPE = /^[A-Za-z0-9\/+]{40}$/

function labelKind(label: string): string {
  const l = label.toLowerCase().replace(/[_-]/g, '')
  if (l.includes('secretaccesskey')) return 'aws-secret-access-key'
  if (l.includes('sessiontoken') || l.includes('securitytoken') || l.includes('signature')) return 'aws-session-token'
  if (l.includes('clientsecret')) return 'azure-client-secret'
  if (l.includes('password') || l === 'passwd' || l === 'pwd') return 'password'
  if (l.includes('token') || l === 'clientassertion') return 'token'
  if (l === 'accountkey' || l === 'sharedaccesskey' || l === 'sig') return 'azure-storage-key'
  if (l === 'privatekey') return 'private-key'
  return 'secret'
}

/**
 * Generic labels (token, secret, api_key, sig) also precede error codes in prose
 * ("bootstrap-token: NotFoundException: …"): there, a value without a digit is a word, not a secret.
 * The specific labels redact whatever follows them.
 */
/** An error code in Go's and the SDKs' "Code: message" form, which no one's secret looks like. */
const ERROR_CODE_THEN_MESSAGE = /^(?:[A-Z][a-z0-9]+){2,}(?:Exception|Error|Err|Fault|Providers|Denied|NotFound|Failed|Failure|Expired):$/

/** Entra's and Key Vault's numbered codes: "error getting AD OAuth token: 'AADSTS700016: Application …". */
const NUMBERED_CODE = /^(?:AADSTS|AKV)\d{4,7}:?$/

function looksSecret(kind: string, value: string): boolean {
  // Any label, in prose: "Could not encrypt password: NoCredentialProviders: no valid providers in chain".
  if (ERROR_CODE_THEN_MESSAGE.test(value) || NUMBERED_CODE.test(value)) return false
  if (kind !== 'token' && kind !== 'secret' && kind !== 'azure-storage-key') return true
  return /\d/.test(value)
}

function tokenKind(token: string): string | undefined {
  if (token.startsWith('sk-') && token.length >= 24) return 'openai-api-key'
  if (token.startsWith('eyJ')) {
    const parts = token.split('.')
    if (parts.length === 3 && parts[0].length >= 10 && parts[1].length >= 10) return 'jwt'
  }
  if (token.length <= 42 && AZURE_SECRET.test(token)) return 'azure-client-secret'
  for (const [shape, kind] of PREFIXED) if (shape.test(token)) return kind
  if (token.length === 40 && AWS_SECRET_SHAPE.test(token) && /[A-Z]/.test(token) && /[a-z]/.test(token) && /\d/.test(token)) return 'aws-secret-access-key'
  return undefined
}

/** PEM private keys, raw or inside a JSON string (service-account key files). */
function privateKeySpans(text: string, spans: Span[]): void {
  let from = 0
  for (;;) {
    const begin = text.indexOf('-----BEGIN', from)
    if (begin < 0) return
    const label = text.indexOf('PRIVATE KEY-----', begin)
    if (label < 0 || label - begin > 40) {
      from = begin + 10
      continue
    }
    const endMarker = text.indexOf('-----END', label)
    const close = endMarker < 0 ? -1 : text.indexOf('-----', endMarker + 8)
    const end = close < 0 ? text.length : close + 5
    spans.push({ start: begin, end, kind: 'gcp-private-key' })
    from = end
  }
}

function collect(text: string): Span[] {
  const spans: Span[] = []
  privateKeySpans(text, spans)
  // Shapes first: when a label and a shape cover the same secret, the shape names it better (a JWT after id_token=).
  each(TOKEN, text, (m) => {
    const kind = tokenKind(m[0])
    if (kind) spans.push({ start: m.index, end: m.index + m[0].length, kind })
  })
  each(HEADER, text, (m) => {
    const start = m.index + m[0].length - m[1].length
    spans.push({ start, end: m.index + m[0].length, kind: 'authorization-header' })
  })
  each(BEARER, text, (m) => {
    spans.push({ start: m.index + m[0].length - m[1].length, end: m.index + m[0].length, kind: 'bearer-token' })
  })
  each(LABELLED, text, (m) => {
    const kind = labelKind(m[1])
    if (!looksSecret(kind, m[2])) return
    spans.push({ start: m.index + m[0].length - m[2].length, end: m.index + m[0].length, kind })
  })
  each(URL_PASSWORD, text, (m) => {
    spans.push({ start: m.index + m[0].length - 1 - m[1].length, end: m.index + m[0].length - 1, kind: 'password' })
  })
  each(AWS_ACCESS_KEY_ID, text, (m) => {
    spans.push({ start: m.index, end: m.index + m[0].length, kind: 'aws-access-key-id' })
  })
  return spans
}

export interface Redacted {
  text: string
  redactions: Redaction[]
}

/** Replaces every secret with `[REDACTED:<kind>]` and counts them per kind. */
export function redact(text: string): Redacted {
  const spans = collect(text).sort((a, b) => a.start - b.start || b.end - a.end)
  const counts = new Map<string, number>()
  let out = ''
  let at = 0
  for (const span of spans) {
    if (span.start < at) continue // inside a span already redacted
    out += text.slice(at, span.start) + `[REDACTED:${span.kind}]`
    at = span.end
    counts.set(span.kind, (counts.get(span.kind) ?? 0) + 1)
  }
  out += text.slice(at)
  return { text: out, redactions: [...counts].map(([kind, count]) => ({ kind, count })) }
}
