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
  // Characters as small classes (0: in no literal), so a state's moves fit small tables.
  const unique = [...new Set(literals)].filter(Boolean)
  const classes = new Map<number, number>()
  for (const literal of unique) for (let i = 0; i < literal.length; i++) if (!classes.has(literal.charCodeAt(i))) classes.set(literal.charCodeAt(i), classes.size + 1)
  const ascii = new Uint16Array(128)
  for (const [c, k] of classes) if (c < 128) ascii[c] = k
  const classOf = (c: number) => (c < 128 ? ascii[c] : (classes.get(c) ?? 0))

  // The trie: the root's moves as a table (most characters of a text are read there), every other
  // state's as a list of siblings while building, then as edge lists.
  const root = new Int32Array(classes.size + 1)
  const firstChild: number[] = [-1]
  const sibling: number[] = [-1]
  const label: number[] = [0]
  const word: (string | undefined)[] = [undefined]
  const childOf = (state: number, k: number) => {
    if (state === 0) return root[k] || -1
    for (let c = firstChild[state]; c >= 0; c = sibling[c]) if (label[c] === k) return c
    return -1
  }
  for (const literal of unique) {
    let state = 0
    for (let i = 0; i < literal.length; i++) {
      const k = classOf(literal.charCodeAt(i))
      let to = childOf(state, k)
      if (to < 0) {
        to = label.length
        label.push(k)
        firstChild.push(-1)
        sibling.push(state === 0 ? -1 : firstChild[state])
        word.push(undefined)
        if (state === 0) root[k] = to
        else firstChild[state] = to
      }
      state = to
    }
    word[state] = literal
  }
  const states = label.length
  const edgeStart = new Int32Array(states + 1)
  const edgeClass = new Uint16Array(states)
  const edgeTo = new Int32Array(states)
  for (let state = 1, edge = 0; state < states; state++) {
    edgeStart[state] = edge
    for (let c = firstChild[state]; c >= 0; c = sibling[c]) (edgeClass[edge] = label[c]), (edgeTo[edge++] = c)
    edgeStart[state + 1] = edge
  }
  const child = (state: number, k: number) => {
    for (let e = edgeStart[state]; e < edgeStart[state + 1]; e++) if (edgeClass[e] === k) return edgeTo[e]
    return -1
  }
  // Failure links, and "output" links to the nearest suffix state that ends a literal.
  const fail = new Int32Array(states)
  const output = new Int32Array(states).fill(-1)
  const queue: number[] = [...root.filter((to) => to > 0)]
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]
    for (let e = edgeStart[state]; e < edgeStart[state + 1]; e++) {
      const k = edgeClass[e]
      const to = edgeTo[e]
      let f = fail[state]
      while (f > 0 && child(f, k) < 0) f = fail[f]
      const target = f > 0 ? child(f, k) : root[k]
      fail[to] = target > 0 && target !== to ? target : 0
      output[to] = word[fail[to]] !== undefined ? fail[to] : output[fail[to]]
      queue.push(to)
    }
  }
  // Each state's output chain is walked once per text: a state is done when its mark is this scan's.
  const done = new Uint32Array(states)
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
