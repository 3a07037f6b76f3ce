// Real samples: Lambda relaying KMS's own error about a function's environment variables; SNS naming
// the KMS condition with its own code.
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

  it('reads a service\'s own KMS code as the code KMS answers with', () => {
    // https://github.com/trussworks/terraform-aws-s3-anti-virus/pull/48 (without KMS's own error code)
    const sample = `[ERROR] KMSAccessDeniedException: An error occurred (KMSAccessDenied) when calling the Publish operation: User: arn:aws:sts::111122223333:assumed-role/lambda-alpha-amsterdam-clamav-scan/alpha-amsterdam-clamav-scan is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/810965d7-2cf3-4704-b084-49d84f88ff1b because no identity-based policy allows the kms:Decrypt action`
    const f = facts(sample)
    expect(f.service).toBe('kms')
    expect(f.codes).toEqual(expect.arrayContaining(['KMSAccessDeniedException', 'KMSAccessDenied', 'AccessDeniedException']))
  })

  it('leaves codes that only contain the letters alone', () => {
    expect(facts('An error occurred (AccessDenied) when calling the GetObject operation: Access Denied').codes).not.toContain('AccessDeniedException')
    expect(facts('error: AWSKMSDisabledFeature is not a code').codes).not.toContain('DisabledException')
  })
})
