/**
 * Secret redaction. Runs first, on the raw payload, so nothing downstream (facts, evidence,
 * messages) can carry a secret. Every scan is linear: literal-anchored patterns with bounded
 * repetition, and a token pass that never backtracks.
 */
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
const HEADER =
  /\b(?:proxy-authorization|authorization|x-api-key|api-key|ocp-apim-subscription-key)["']?\s{0,3}[:=]\s{0,3}["']?([^\r\n"']{1,2048})/gi
const LABELLED =
  /\b(aws_secret_access_key|secret_?access_?key|aws_session_token|session_?token|x-amz-security-token|x-amz-signature|azure_client_secret|client_?secret|password)["']?\s{0,3}[:=]\s{0,3}["']?([^\s"',;&}\]]{6,})/gi

function labelKind(label: string): string {
  const l = label.toLowerCase().replace(/[_-]/g, '')
  if (l.includes('secretaccesskey')) return 'aws-secret-access-key'
  if (l.includes('sessiontoken') || l.includes('securitytoken') || l.includes('signature')) return 'aws-session-token'
  if (l.includes('clientsecret')) return 'azure-client-secret'
  return 'password'
}

function tokenKind(token: string): string | undefined {
  if (token.startsWith('sk-') && token.length >= 24) return 'openai-api-key'
  if (token.startsWith('eyJ')) {
    const parts = token.split('.')
    if (parts.length === 3 && parts[0].length >= 10 && parts[1].length >= 10) return 'jwt'
  }
  if (token.length <= 42 && AZURE_SECRET.test(token)) return 'azure-client-secret'
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
  for (const m of text.matchAll(HEADER)) {
    const start = m.index + m[0].length - m[1].length
    spans.push({ start, end: m.index + m[0].length, kind: 'authorization-header' })
  }
  for (const m of text.matchAll(BEARER)) {
    spans.push({ start: m.index + m[0].length - m[1].length, end: m.index + m[0].length, kind: 'bearer-token' })
  }
  for (const m of text.matchAll(LABELLED)) {
    spans.push({ start: m.index + m[0].length - m[2].length, end: m.index + m[0].length, kind: labelKind(m[1]) })
  }
  for (const m of text.matchAll(AWS_ACCESS_KEY_ID)) {
    spans.push({ start: m.index, end: m.index + m[0].length, kind: 'aws-access-key-id' })
  }
  for (const m of text.matchAll(TOKEN)) {
    const kind = tokenKind(m[0])
    if (kind) spans.push({ start: m.index, end: m.index + m[0].length, kind })
  }
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
