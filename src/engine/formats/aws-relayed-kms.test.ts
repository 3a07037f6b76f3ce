// Real sample: Lambda relaying KMS's own error about a function's environment variables.
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('KMS failures relayed by another service', () => {
  it('reads the KMS code and message inside Lambda\'s error', () => {
    // https://github.com/cattle-ops/terraform-aws-gitlab-runner/pull/1253
    const sample = `Calling the invoke API action failed with this message: Lambda was unable to decrypt the environment variables
because KMS access was denied. Please check the function's KMS key settings. KMS Exception:
AccessDeniedExceptionKMS Message: User: <arn here> is not authorized to perform: kms:Decrypt on resource:
<arn here> because no identity-based policy allows the kms:Decrypt action (Service: Kms, Status Code: 400,
Request ID: <request id here>)`
    const f = facts(sample)
    expect(f).toMatchObject({ service: 'kms', code: 'AccessDeniedException', permission: 'kms:Decrypt' })
    expect(f.message).toMatch(/^User: <arn here> is not authorized/)
  })
})
