import { describe, expect, it } from 'vitest'
import { each } from '../../src/engine/each-match.ts'

const all = (re: RegExp, text: string) => {
  const out: [number, string][] = []
  each(re, text, (m) => out.push([m.index, m[0]]))
  return out
}

describe('each', () => {
  it('gives the matches matchAll gives, empty ones included', () => {
    for (const [re, text] of [[/a+/g, 'baaab a'], [/x*/g, 'axxb'], [/^\w+/gm, 'one\ntwo\n\nthree'], [/\b/g, 'ab cd']] as const) {
      expect(all(re, text)).toEqual([...text.matchAll(re)].map((m) => [m.index, m[0]]))
    }
  })

  it('starts afresh on every call and survives a nested scan with the same pattern', () => {
    const re = /\d/g
    re.lastIndex = 3
    const pairs: string[] = []
    each(re, '12', (outer) => each(re, 'ab34', (inner) => pairs.push(outer[0] + inner[0])))
    expect(pairs).toEqual(['13', '14', '23', '24'])
  })

  it('refuses a pattern without the global flag, which would never advance', () => {
    expect(() => each(/a/, 'aaa', () => {})).toThrow(/global/)
  })
})
