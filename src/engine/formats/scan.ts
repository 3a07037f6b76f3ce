/** What every format module shares: the Format shape and linear-time scanning helpers. */
import type { Signals } from '../signals.ts'

export { each } from '../each-match.ts'

export interface Format {
  /** Undoes the wrapper's layout (box borders, continuation prefixes) so an error reads as plain lines. */
  unwrap?: (text: string) => string
  /** Reads the wrapper's structured facts into the signals. */
  extract?: (text: string, s: Signals) => void
}

/** One line's worth of anything, bounded so every pattern stays linear. */
export const LINE = '[^\\r\\n]{0,2000}'

/** The rest of the line after a match, for patterns that must not swallow later matches. */
export function restOfLine(text: string, from: number): string {
  const end = text.indexOf('\n', from)
  return text.slice(from, end < 0 ? Math.min(text.length, from + 2000) : Math.min(end, from + 2000))
}

/** "com.amazonaws.services.kms.model.X" / "Amazon.KeyManagementService" / "KMS" → service */
export function awsServiceOf(name: string): string | undefined {
  const n = name.toLowerCase()
  if (/\bkms\b|keymanagement|awskms/.test(n)) return 'kms'
  if (/securitytoken|\bsts\b/.test(n)) return 'sts'
  if (/\biam\b|identitymanagement/.test(n)) return 'iam'
  return undefined
}
