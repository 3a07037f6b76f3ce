/** What extractors collect from a payload before it becomes Facts. */
import type { Resources } from './types.ts'

/** Lower rank = more specific. The most specific code found becomes `facts.code`. */
export const RANK = {
  inner: 0, // Azure innererror, ErrorInfo reason
  named: 1, // an SDK's exception name or error code field
  status: 2, // gRPC / Google status, OAuth error
  generic: 3, // OpenAI error type, SDK class names, HTTP-ish words
} as const

export class Signals {
  private codeRanks = new Map<string, { code: string; rank: number; order: number }>()
  messages: string[] = []
  httpStatus?: number
  operation?: string
  service?: string
  requestId?: string
  /** A cloud's audit record says the call it logs succeeded. */
  succeeded = false
  resources: Resources = {}

  code(raw: unknown, rank: number): void {
    if (typeof raw !== 'string') return
    const code = raw.trim()
    if (!/^[A-Za-z][A-Za-z0-9_.:-]{1,80}$/.test(code)) return
    const key = code.toLowerCase()
    if (key === 'none' || key === 'null' || key === 'error' || key === 'unknown') return
    const seen = this.codeRanks.get(key)
    if (!seen) this.codeRanks.set(key, { code, rank, order: this.codeRanks.size })
    else if (rank < seen.rank) seen.rank = rank
    // "Lambda.KMSAccessDeniedException" is also "KMSAccessDeniedException".
    const last = code.split('.').pop()!
    if (last !== code && last.length > 2) this.code(last, rank)
  }

  message(raw: unknown): void {
    if (typeof raw !== 'string') return
    const text = raw.trim()
    if (text.length < 3 || this.messages.includes(text)) return
    if (this.messages.length < 32) this.messages.push(text.slice(0, 4000))
  }

  status(raw: unknown): void {
    const n = typeof raw === 'string' ? Number(raw) : raw
    if (typeof n === 'number' && Number.isInteger(n) && n >= 100 && n <= 599 && this.httpStatus === undefined) {
      this.httpStatus = n
    }
  }

  request(raw: unknown): void {
    if (typeof raw === 'string' && /^[\w./:=+-]{6,128}$/.test(raw) && !this.requestId) this.requestId = raw
  }

  op(raw: string | undefined): void {
    if (raw && !this.operation) this.operation = raw
  }

  /** Codes ordered most specific first, then by first appearance. */
  codes(): string[] {
    return [...this.codeRanks.values()].sort((a, b) => a.rank - b.rank || a.order - b.order).map((c) => c.code)
  }
}
