/**
 * Which rule literals occur in a text, found in one pass (Aho–Corasick). Rules then skip every
 * phrase whose parts are absent without scanning for it, so the cost of a payload grows with its
 * length, not with the number of rules.
 */
import type { Pattern } from './pattern.ts'

export interface LiteralSet {
  /** The literals present in `text` (each one as it was added). */
  find(text: string): Set<string>
}

export function literalSet(literals: Iterable<string>): LiteralSet {
  const next: Map<number, number>[] = [new Map()]
  const word: (string | undefined)[] = [undefined]
  for (const literal of new Set(literals)) {
    if (!literal) continue
    let state = 0
    for (let i = 0; i < literal.length; i++) {
      const c = literal.charCodeAt(i)
      let to = next[state].get(c)
      if (to === undefined) {
        to = next.length
        next.push(new Map())
        word.push(undefined)
        next[state].set(c, to)
      }
      state = to
    }
    word[state] = literal
  }
  // Failure links, and "output" links to the nearest suffix state that ends a literal.
  const fail = new Int32Array(next.length)
  const output = new Int32Array(next.length).fill(-1)
  const queue: number[] = [...next[0].values()]
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]
    for (const [c, child] of next[state]) {
      let f = fail[state]
      while (f > 0 && !next[f].has(c)) f = fail[f]
      const target = next[f].get(c)
      fail[child] = target !== undefined && target !== child ? target : 0
      output[child] = word[fail[child]] !== undefined ? fail[child] : output[fail[child]]
      queue.push(child)
    }
  }
  return {
    find(text) {
      const found = new Set<string>()
      const reported = new Uint8Array(next.length) // each state's chain is walked once per text
      let state = 0
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i)
        let to = next[state].get(c)
        while (to === undefined && state > 0) {
          state = fail[state]
          to = next[state].get(c)
        }
        state = to ?? 0
        for (let s = word[state] !== undefined ? state : output[state]; s > 0 && !reported[s]; s = output[s]) {
          reported[s] = 1
          found.add(word[s]!)
        }
      }
      return found
    },
  }
}

/**
 * The phrases whose every part is among the literals a text holds: the only ones worth looking
 * for. Indexed by part, so a payload costs what its literals cost, not one test per rule phrase.
 */
export function phraseGate(patterns: Iterable<Pattern>): (present: Set<string>) => Set<Pattern> {
  const byPart = new Map<string, Pattern[]>()
  const needs = new Map<Pattern, number>()
  for (const pattern of new Set(patterns)) {
    const parts = new Set(pattern.parts)
    needs.set(pattern, parts.size)
    for (const part of parts) {
      if (!byPart.has(part)) byPart.set(part, [])
      byPart.get(part)!.push(pattern)
    }
  }
  return (present) => {
    const counts = new Map<Pattern, number>()
    const possible = new Set<Pattern>()
    for (const literal of present) {
      for (const pattern of byPart.get(literal) ?? []) {
        const n = (counts.get(pattern) ?? 0) + 1
        counts.set(pattern, n)
        if (n === needs.get(pattern)) possible.add(pattern)
      }
    }
    return possible
  }
}
