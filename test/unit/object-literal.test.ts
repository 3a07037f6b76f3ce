import { describe, expect, it } from 'vitest'
import { findObjects, parseLiteralAt } from '../../src/engine/object-literal.ts'

describe('literal parser', () => {
  it('reads JSON', () => {
    expect(parseLiteralAt('{"a": [1, true, null, "x\\n"]}', 0)?.value).toEqual({ a: [1, true, null, 'x\n'] })
  })

  it('reads Python dict reprs with mixed quotes, None, True and tuples', () => {
    const text = `{'error': {'message': "Unsupported parameter: 'max_tokens'", 'param': None, 'ok': True, 't': (1, 2)}}`
    expect(parseLiteralAt(text, 0)?.value).toEqual({ error: { message: "Unsupported parameter: 'max_tokens'", param: null, ok: true, t: [1, 2] } })
  })

  it('finds objects inside free text and skips broken ones', () => {
    expect(findObjects('log { broken and then {"code": "X"} tail {"b": 2}')).toEqual([{ code: 'X' }, { b: 2 }])
  })

  it('refuses hostile nesting instead of overflowing the stack', () => {
    expect(parseLiteralAt('['.repeat(100_000), 0)).toBeNull()
    expect(parseLiteralAt('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), 0)).toBeNull()
  })
})
