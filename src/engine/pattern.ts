/**
 * Rule patterns: literal phrases, matched case- and whitespace-insensitively, with optional
 * bounded gaps (" … "). No regular expressions from rules, so every match is linear in the
 * payload: each part is found with indexOf, and per-part cursors only move forward.
 */

/** Text prepared once per payload: `text` keeps case for evidence, `lower` has the same indices. */
export interface Prepared {
  text: string
  lower: string
}

const ESCAPED_SPACE = /\\r\\n|\\[rnt]/g
const ESCAPED_QUOTE = /\\(["'])/g
const SPACES = /\s+/g
const UPPER = /[A-Z]+/g
const NON_ASCII = /[^\x00-\x7f]/

/**
 * Unescapes literal \n, \t, \" (logs of JSON strings), collapses whitespace, lowercases ASCII only
 * (so `lower` keeps `text`'s indices). Replacement strings, not callbacks: a flood of escapes costs
 * what plain text costs.
 */
export function prepare(raw: string): Prepared {
  const text = raw.replace(ESCAPED_SPACE, ' ').replace(ESCAPED_QUOTE, '$1').replace(SPACES, ' ')
  return { text, lower: NON_ASCII.test(text) ? text.replace(UPPER, (s) => s.toLowerCase()) : text.toLowerCase() }
}

export const GAP = 200
const GAP_MARK = /\s(?:…|\.\.\.)\s/

export interface Pattern {
  source: string
  parts: string[]
}

export function compilePattern(source: string): Pattern {
  const parts = source
    .split(GAP_MARK)
    .map((p) => prepare(p).lower.trim())
    .filter(Boolean)
  if (parts.length === 0) throw new Error(`empty pattern: "${source}"`)
  return { source, parts }
}

/** Finds the first occurrence of the pattern; returns [start, end) or null. */
export function findPattern(lower: string, pattern: Pattern): [number, number] | null {
  const { parts } = pattern
  const next = new Array<number>(parts.length).fill(-1)
  let from = 0
  for (;;) {
    const start = lower.indexOf(parts[0], from)
    if (start < 0) return null
    let end = start + parts[0].length
    let chained = true
    for (let k = 1; k < parts.length; k++) {
      if (next[k] < end) next[k] = lower.indexOf(parts[k], end)
      if (next[k] < 0) return null // this part never occurs later: no match anywhere
      if (next[k] - end > GAP) {
        chained = false
        break
      }
      end = next[k] + parts[k].length
    }
    if (chained) return [start, end]
    from = start + 1
  }
}
