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

  it("reads Python 2's u'' and b'' strings, as boto logged its errors", () => {
    // https://github.com/airbnb/streamalert/issues/283
    const sample = "{'ResponseMetadata': {'HTTPStatusCode': 400}, 'Error': {'Message': '', 'Code': u'InvalidCiphertextException'}, u'key': b'x'}"
    expect(parseLiteralAt(sample, 0)?.value).toEqual({ ResponseMetadata: { HTTPStatusCode: 400 }, Error: { Message: '', Code: 'InvalidCiphertextException' }, key: 'x' })
  })

  it('finds objects inside free text and skips broken ones', () => {
    expect(findObjects('log { broken and then {"code": "X"} tail {"b": 2}')).toEqual([{ code: 'X' }, { b: 2 }])
  })

  it('finds an object after a run of stray or too deeply nested braces', () => {
    expect(findObjects('{'.repeat(5000) + ' {"code": "X"}')).toEqual([{ code: 'X' }])
    expect(findObjects('{"a":'.repeat(5000) + ' tail {"code": "Y"}')).toEqual([{ code: 'Y' }])
    expect(findObjects('{ {"a": {"b": 1}} }')).toEqual([{ a: { b: 1 } }])
  })

  it('refuses hostile nesting instead of overflowing the stack', () => {
    expect(parseLiteralAt('['.repeat(100_000), 0)).toBeNull()
    expect(parseLiteralAt('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), 0)).toBeNull()
  })
})

describe('util.inspect of an error object', () => {
  it('reads bare keys and skips placeholders', () => {
    // https://github.com/awslabs/aws-lambda-redshift-loader/issues/16
    const sample = "{ [InvalidCiphertextException: null]\n  message: null, \n  code: 'InvalidCiphertextException', \n  time: Wed Apr 15 2015 12:40:32 GMT+0000 (UTC), \n  statusCode: 400, \n  retryable: false, \n  retryDelay: 30 }"
    // The "time" value is not a literal, so this object is not read; a cleaner inspect print is.
    expect(findObjects(sample)).toEqual([])
    const clean = "Error: boom {\n  code: 'Forbidden',\n  statusCode: 403,\n  request: WebResource { url: 'https://x.vault.azure.net/keys/k', headers: HttpHeaders { _headersMap: [Object] } },\n  details: { error: { code: 'Forbidden', message: 'Operation decrypt is ' +\n    'not permitted', innererror: [Object] } }\n}"
    expect(findObjects(clean)).toEqual([{ code: 'Forbidden', statusCode: 403, request: { url: 'https://x.vault.azure.net/keys/k', headers: { _headersMap: null } }, details: { error: { code: 'Forbidden', message: 'Operation decrypt is not permitted', innererror: null } } }])
  })
})
