// Real samples: EC2 state and termination reasons as Auto Scaling and Terraform print them.
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('EC2 state reasons', () => {
  it('reads the dotted reason code and its message under Terraform', () => {
    // https://github.com/CiscoDevNet/cloud-cml/issues/8
    const sample = "│ Error: waiting for EC2 Instance (i-XXXXXXXXXXXXX) create: unexpected state 'shutting-down', wanted target 'running'. \n│ last error: Client.InvalidKMSKey.InvalidState: The KMS key provided is in an incorrect state"
    expect(facts(sample)).toMatchObject({ provider: 'aws', code: 'Client.InvalidKMSKey.InvalidState', message: 'The KMS key provided is in an incorrect state' })
  })

  it('reads a two-part reason from the console', () => {
    // https://github.com/aws/karpenter-provider-aws/issues/1407
    const sample = 'State transition reason: Server.InternalError\nState transition reason message: Client.InternalError: Client error on launch'
    expect(facts(sample).codes).toContain('Client.InternalError')
  })

  it('leaves words that only look like it alone', () => {
    expect(facts('The Client.foo: bar and Server.x: y').codes).toEqual([])
  })
})
