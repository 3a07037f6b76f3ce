import { describe, expect, it } from 'vitest'
import { compilePattern } from '../../src/engine/pattern.ts'
import { literalSet, phraseGate } from '../../src/engine/phrase-set.ts'

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

describe('phrase gate', () => {
  it('lets through the phrases whose every part is present, and only those', () => {
    const disabled = compilePattern('key … is disabled')
    const denied = compilePattern('not authorized to perform')
    const gate = phraseGate([disabled, denied, disabled])
    expect(gate(new Set(['key', 'is disabled']))).toEqual(new Set([disabled]))
    expect(gate(new Set(['key']))).toEqual(new Set())
    expect(gate(new Set(['not authorized to perform', 'key', 'is disabled']))).toEqual(new Set([disabled, denied]))
  })
})
