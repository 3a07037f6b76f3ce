import { describe, expect, it } from 'vitest'
import { FINGERPRINTS } from '../../src/engine/provider.ts'
import { anchorsOf } from '../../src/engine/regex-anchors.ts'
import { fixtureSet, loadSet } from '../support/accuracy.ts'

describe('regex anchors', () => {
  it('takes one required literal run per alternative, in lower case', () => {
    expect(anchorsOf(/arn:aws/)).toEqual(['arn:aws'])
    expect(anchorsOf(/when calling the \w+ operation/)).toEqual(['when calling the '])
    expect(anchorsOf(/Foo\.Bar|baz\/qux/)).toEqual(['foo.bar', 'baz/qux'])
  })

  it('reads a group it cannot skip, and skips optional parts, classes and lookarounds', () => {
    expect(anchorsOf(/\b(?:KeyNotFound|KeyDisabled)\b/)).toEqual(['keynotfound', 'keydisabled'])
    expect(anchorsOf(/(?<!gcp:)\bkms:(?:Encrypt|\*)/)).toEqual(['kms:'])
    expect(anchorsOf(/Key ?Vault/i)).toEqual(['vault'])
    expect(anchorsOf(/abc(?:defghij)?x/)).toEqual(['abc'])
    expect(anchorsOf(/ab[cdef]{3}gh/)).toBeNull()
  })

  it('does not take escapes for literal text', () => {
    expect(anchorsOf(/\x41\x42\x43xyz/)).toEqual(['xyz'])
    expect(anchorsOf(/\d{3}abc\n/)).toEqual(['abc'])
    expect(anchorsOf(/(a)\1bcd/)).toEqual(['bcd'])
    // A brace that opens no quantifier is a literal brace: the scan still ends.
    expect(anchorsOf(new RegExp('abc{d'))).toEqual(['abc'])
  })

  it('gives none when an alternative has no literal worth a test', () => {
    expect(anchorsOf(/\bS3\b|DynamoDB/)).toBeNull()
    expect(anchorsOf(/\bi-[0-9a-f]{17}\b/)).toBeNull()
  })

  it('never rules out a fingerprint that matches: on every payload we hold, a match carries one of its anchors', () => {
    const texts = [...fixtureSet(), ...loadSet('tuning')].map((i) => i.text)
    const guarded = Object.values(FINGERPRINTS).flat().map(([re]) => ({ re, anchors: anchorsOf(re) })).filter((f) => f.anchors)
    expect(guarded.length).toBeGreaterThan(40)
    let matched = 0
    for (const text of texts) {
      const lower = text.toLowerCase()
      for (const { re, anchors } of guarded) {
        if (!re.test(text)) continue
        matched++
        expect(anchors!.some((a) => lower.includes(a)), `${re} on ${text.slice(0, 80)}`).toBe(true)
      }
    }
    expect(matched).toBeGreaterThan(1000)
  })
})
