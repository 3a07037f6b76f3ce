import { describe, expect, it } from 'vitest'
import { compilePattern, findPattern, GAP, prepare } from '../../src/engine/pattern.ts'

const find = (text: string, pattern: string) => {
  const p = prepare(text)
  const span = findPattern(p.lower, compilePattern(pattern))
  return span && p.text.slice(span[0], span[1])
}

describe('patterns', () => {
  it('match literally, ignoring case and whitespace', () => {
    expect(find('User: x is NOT  authorized\n to perform: sts:AssumeRole', 'not authorized to perform: sts:assumerole')).toBe('NOT authorized to perform: sts:AssumeRole')
  })

  it('treat regular-expression characters as text', () => {
    expect(find("pattern '^org-[0-9a-zA-Z-]*--[0-9a-zA-Z-]*$'", '^org-[0-9a-zA-Z-]*--[0-9a-zA-Z-]*$')).toBe('^org-[0-9a-zA-Z-]*--[0-9a-zA-Z-]*$')
    expect(find('orgxx', 'org.*')).toBeNull()
  })

  it('read escaped line breaks and quotes the way logs print them', () => {
    expect(find('Caller is not authorized.\\r\\nIf role assignments', 'authorized. If role')).toBe('authorized. If role')
    expect(find('Invalid value for \\"audience\\"', 'invalid value for "audience"')).toBe('Invalid value for "audience"')
  })

  it('keep the text and its lower case index for index, whatever the alphabet', () => {
    for (const raw of ['KMS Key DISABLED', 'Schlüssel İSTANBUL DISABLED', 'ÉTAT: KeyDisabled']) {
      const p = prepare(raw)
      expect(p.lower.length).toBe(p.text.length)
      expect(p.lower).toBe(p.text.replace(/[A-Z]/g, (c) => c.toLowerCase()))
    }
  })

  it('allow a bounded gap with " … "', () => {
    expect(find('is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:… because no identity-based policy allows', 'kms:decrypt … no identity-based policy')).not.toBeNull()
    expect(find(`kms:Decrypt ${'x'.repeat(GAP + 1)} no identity-based policy`, 'kms:decrypt … no identity-based policy')).toBeNull()
    expect(find(`kms:Decrypt ${'x'.repeat(GAP + 1)} kms:Decrypt no identity-based policy`, 'kms:decrypt … no identity-based policy')).not.toBeNull()
  })

  it('require the parts in order', () => {
    expect(find('policy allows … then kms:Decrypt', 'kms:decrypt … policy')).toBeNull()
  })
})
