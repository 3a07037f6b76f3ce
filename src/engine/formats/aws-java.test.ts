// Real samples of the AWS SDK for Java's "(Service: …; Status Code: …; Error Code: …; Request ID: …)" suffix.
import { describe, expect, it } from 'vitest'
import { extractFacts } from '../facts.ts'

const facts = (text: string) => extractFacts(text).facts

describe('AWS SDK for Java', () => {
  it('reads the v1 suffix', () => {
    // https://github.com/aws/aws-sdk-java/issues/1148
    const f = facts('com.amazonaws.services.kms.model.InvalidCiphertextException: null (Service: AWSKMS; Status Code: 400; Error Code: InvalidCiphertextException; Request ID: 9a8b7c6d-1111-2222-3333-444455556666)')
    expect(f).toMatchObject({ provider: 'aws', service: 'kms', code: 'InvalidCiphertextException', httpStatus: 400, requestId: '9a8b7c6d-1111-2222-3333-444455556666' })
  })

  it('reads it when a relaying service drops the space after a colon', () => {
    // CloudWatch relaying SNS's KMS failure: https://github.com/ministryofjustice/opg-lpa/pull/713
    const f = facts('Failed to execute action arn:aws:sns:eu-west-1:111122223333:CloudWatch-to-PagerDuty-production-Ops. Received error: "null (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID:some-request-uuid; Proxy: null)"')
    expect(f).toMatchObject({ provider: 'aws', service: 'kms', code: 'AccessDeniedException', httpStatus: 400, requestId: 'some-request-uuid' })
  })
})
