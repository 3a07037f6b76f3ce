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
  // The trie, built with maps, then laid out flat for the scan: characters as small classes, the
  // root's moves as a table (most characters of a text are read there), the others as edge lists.
  const next: Map<number, number>[] = [new Map()]
  const word: (string | undefined)[] = [undefined]
  const classes = new Map<number, number>()
  for (const literal of new Set(literals)) {
    if (!literal) continue
    let state = 0
    for (let i = 0; i < literal.length; i++) {
      const c = literal.charCodeAt(i)
      if (!classes.has(c)) classes.set(c, classes.size + 1)
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
  const ascii = new Uint16Array(128)
  for (const [c, k] of classes) if (c < 128) ascii[c] = k
  const classOf = (c: number) => (c < 128 ? ascii[c] : (classes.get(c) ?? 0))
  const root = new Int32Array(classes.size + 1)
  for (const [c, to] of next[0]) root[classOf(c)] = to
  const edgeStart = new Int32Array(next.length + 1)
  const edgeClass = new Uint16Array(next.length)
  const edgeTo = new Int32Array(next.length)
  for (let state = 0, edge = 0; state < next.length; state++) {
    edgeStart[state] = edge
    if (state > 0) for (const [c, to] of next[state]) (edgeClass[edge] = classOf(c)), (edgeTo[edge++] = to)
    edgeStart[state + 1] = edge
  }
  const child = (state: number, k: number) => {
    for (let e = edgeStart[state]; e < edgeStart[state + 1]; e++) if (edgeClass[e] === k) return edgeTo[e]
    return -1
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
  // Each state's output chain is walked once per text: a state is done when its mark is this scan's.
  const done = new Uint32Array(next.length)
  let scan = 0
  return {
    find(text) {
      const found = new Set<string>()
      if (scan === 0xffffffff) done.fill((scan = 0))
      const mark = ++scan
      let state = 0
      for (let i = 0; i < text.length; i++) {
        const k = classOf(text.charCodeAt(i))
        if (k === 0) {
          state = 0 // a character no literal holds: nothing spans it
          continue
        }
        let to = state > 0 ? child(state, k) : root[k]
        while (to < 0) {
          state = fail[state]
          to = state > 0 ? child(state, k) : root[k]
        }
        state = to
        for (let s = word[state] !== undefined ? state : output[state]; s > 0 && done[s] !== mark; s = output[s]) {
          done[s] = mark
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
