// Real sample: the AWS SDK for Ruby's error class at the end of a backtrace line.
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('AWS SDK for Ruby', () => {
  it('reads the service and the error class', () => {
    // https://github.com/dtan4/terraforming/issues/361
    const sample = "C:/Ruby23-x64/lib/ruby/gems/2.3.0/gems/aws-sdk-core-2.10.40/lib/seahorse/client/plugins/raise_response_errors.rb:15:in `call': arn:aws:kms:us-east-1:111122223333:key/0132c156-85d0-4c60-b7a8-afd73a6f6c8b origin is EXTERNAL which is not valid for this operation. (Aws::KMS::Errors::UnsupportedOperationException)"
    expect(facts(sample)).toMatchObject({ provider: 'aws', service: 'kms', code: 'UnsupportedOperationException' })
  })
})
