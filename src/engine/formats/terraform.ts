/**
 * Terraform draws each diagnostic in a box ("╷", "│ Error: …", "╵") and wraps long messages at the
 * terminal width. Unwrapping drops the border and joins wrapped lines, so a provider's error reads
 * as the SDK printed it.
 */
import type { Format } from './scan.ts'

const BORDER = /^\s{0,4}[│╷╵] ?/
/** Terraform wraps at word boundaries near the terminal width; a shorter line ended a sentence. */
const WRAP_WIDTH = 60

export const terraform: Format = {
  unwrap(text) {
    if (!text.includes('│')) return text
    const out: string[] = []
    let previousWrapped = false
    for (const raw of text.split('\n')) {
      const boxed = BORDER.test(raw)
      const line = boxed ? raw.replace(BORDER, '') : raw
      const continues = boxed && previousWrapped && line.trim() !== '' && !/^\s/.test(line) && !/^(?:Error|Warning): /.test(line)
      if (continues) out[out.length - 1] += ' ' + line
      else out.push(line)
      previousWrapped = boxed && line.length >= WRAP_WIDTH
    }
    return out.join('\n')
  },
}
