import { describe, expect, it } from 'vitest'
import { literalSet } from '../../src/engine/phrase-set.ts'

describe('literal set', () => {
  it('finds overlapping and nested literals in one pass', () => {
    const set = literalSet(['he', 'she', 'his', 'hers', 'is disabled', 'disabled'])
    expect([...set.find('ushers: key is disabled')].sort()).toEqual(['disabled', 'he', 'hers', 'is disabled', 'she'])
  })

  it('agrees with indexOf on random text', () => {
    const alphabet = 'abc '
    const random = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('')
    for (let round = 0; round < 50; round++) {
      const literals = Array.from({ length: 12 }, () => random(1 + Math.floor(Math.random() * 4)))
      const text = random(200)
      const expected = new Set(literals.filter((l) => text.includes(l)))
      expect(literalSet(literals).find(text)).toEqual(expected)
    }
  })

  it('handles text outside the literals’ alphabet', () => {
    expect([...literalSet(['kms:decrypt']).find('ü→ kms:decrypt 🙂')]).toEqual(['kms:decrypt'])
  })
})
