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

  it('reads the operation from a Cloud KMS REST URL, and a status in Rust\'s Debug form', () => {
    // https://github.com/tikv/tikv/issues/17410
    const sample = '[FATAL] [lib.rs:478] ["Encryption failed to initialize: Cloud KMS error Key error: Kms error OAuth(HttpStatus(400), \\"https://cloudkms.googleapis.com/v1/projects/my-project/locations/us-west1/keyRings/tikv-kms-testing/cryptoKeys/tikv_kms_testing_v2/:decrypt?alt=json\\") decrypt encrypted key failed. code: KV:Cloud:Unknown"]'
    expect(facts(sample)).toMatchObject({ provider: 'gcp', service: 'kms', operation: 'Decrypt', httpStatus: 400 })
  })
})
