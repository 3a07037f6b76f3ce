// Real samples: sops "Group 0: FAILED" blocks, as users paste them.
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('sops', () => {
  // https://github.com/DevopsArtFactory/terraform-provisioning/pull/17
  const sample = `Error: Failed to get the data key required to decrypt the SOPS file.

Group 0: FAILED
  arn:aws:kms:ap-northeast-2:111122223333:key/573b0027-60a0-42a4-ba0c-84bdf87f8adb: FAILED
    - | failed to decrypt sops data key with AWS KMS: operation
      | error KMS: Decrypt, https response error StatusCode: 400,
      | RequestID: 97bffa9d-d924-45b4-beb0-6d42b5ca1791,
      | KMSInvalidStateException:
      | arn:aws:kms:ap-northeast-2:111122223333:key/573b0027-60a0-42a4-ba0c-84bdf87f8adb
      | is pending deletion.
`

  it('joins the wrapped message back into one line', () => {
    expect(unwrap(sample)).toContain('failed to decrypt sops data key with AWS KMS: operation error KMS: Decrypt, https response error StatusCode: 400, RequestID: 97bffa9d-d924-45b4-beb0-6d42b5ca1791, KMSInvalidStateException: arn:aws:kms:')
  })

  it('reads the SDK error inside it', () => {
    expect(facts(sample)).toMatchObject({ provider: 'aws', service: 'kms', operation: 'Decrypt', code: 'KMSInvalidStateException', httpStatus: 400 })
  })

  it('takes the markers out of a block that Argo CD or Flux flattened onto one line', () => {
    // https://github.com/jkroepke/helm-secrets/issues/334
    const flat = ' failed exit status 1: Failed to get the data key required to decrypt the SOPS file. Group 0: FAILED arn:aws:kms:ap-southeast-2:xxx:key/xxx: FAILED - | Error decrypting key: AccessDeniedException: The ciphertext | refers to a customer master key that does not exist, does | not exist in this region, or you are not allowed to access. | status code: 400, request id: | f0f98dff-3157-4cb4-8ad6-9b6fd74188be Recovery failed because no master key was able to decrypt the file.'
    expect(unwrap(flat)).toContain('The ciphertext refers to a customer master key that does not exist, does not exist in this region')
  })

  it('leaves text without continuation lines alone', () => {
    expect(unwrap('a | b\nc')).toBe('a | b\nc')
  })
})
