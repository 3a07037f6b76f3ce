// Real samples: AWS error bodies, the query protocol's XML and the JSON protocol's "__type".
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('AWS error bodies', () => {
  it('reads the code of a JSON body that was cut short', () => {
    // https://github.com/smithy545/aws-apps-scripts/issues/12 (the log cut the body mid-message)
    const sample = 'ERROR: {"__type":"InvalidSignatureException","message":"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the'
    expect(facts(sample)).toMatchObject({ provider: 'aws', code: 'InvalidSignatureException', condition: 'unauthenticated' })
  })

  it('reads a namespaced __type as its last part', () => {
    // The JSON protocol allows a shape id with its namespace, and a trailing ":…" that clients drop:
    // https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html (operation error serialization)
    expect(facts('{"__type":"aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/","message":"x"').code).toBe('FooError')
  })
})
