import { describe, expect, it } from 'vitest'
import { buildCodeIndex, findInIndex } from '../../src/engine/index.ts'
import { SYMPTOMS } from '../support/engine.ts'

const index = buildCodeIndex(SYMPTOMS)

describe('code index', () => {
  it('finds every code, alias and id of every symptom', () => {
    for (const s of SYMPTOMS) {
      for (const key of [s.id, ...s.codes, ...s.aliases]) expect(findInIndex(index, key), key).toContain(s.id)
    }
  })

  it('ignores case, quotes and surrounding space', () => {
    expect(findInIndex(index, '  `disabledexception` ')).toEqual(['aws-kms-key-disabled'])
  })

  it('finds a code inside a longer query', () => {
    expect(findInIndex(index, 'got DisabledException from Encrypt')).toEqual(['aws-kms-key-disabled'])
  })

  it('finds nothing for unknown words', () => {
    expect(findInIndex(index, 'NoSuchCodeAnywhere')).toEqual([])
  })
})
