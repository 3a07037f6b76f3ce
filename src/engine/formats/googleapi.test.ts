// Real samples: Go's google.golang.org/api errors.
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('googleapi (Go)', () => {
  it('reads the status of a response whose body is an HTML error page', () => {
    // https://github.com/tink-crypto/tink-go-gcpkms/issues/8
    const sample = 'panic: googleapi: got HTTP response code 404 with body: <!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error 404 (Not Found)!!1</title>'
    expect(facts(sample)).toMatchObject({ provider: 'gcp', httpStatus: 404, condition: 'not-found' })
  })
})
