// Real samples: the AWS SDK for Go's error chains.
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('AWS SDK for Go', () => {
  it('reads the codes of a credential chain in a JSON-escaped log line', () => {
    // https://github.com/kubernetes-sigs/external-dns/issues/2230
    const sample = 'time="2021-08-18T10:30:02Z" level=error msg="records retrieval failed: failed to list hosted zones: WebIdentityErr: failed to retrieve credentials\\ncaused by: RequestError: send request failed\\ncaused by: Post \\"https://sts.amazonaws.com/\\": dial tcp 54.239.29.25:443: i/o timeout"'
    const f = facts(sample)
    expect(f).toMatchObject({ provider: 'aws' })
    expect(f.codes).toEqual(expect.arrayContaining(['RequestError', 'WebIdentityErr']))
  })

  it("reads the code of an item in Terraform's error list", () => {
    // https://github.com/hashicorp/terraform/issues/13333 (Terraform 0.9 with the SDK for Go v1)
    const sample = 'Error refreshing state: 1 error(s) occurred:\n\n* provider.aws: InvalidClientTokenId: The security token included in the request is invalid.\n\tstatus code: 403, request id: 99c8662c-1943-11e7-bd65-978e35f3b40a'
    expect(facts(sample)).toMatchObject({ provider: 'aws', code: 'InvalidClientTokenId', httpStatus: 403, condition: 'unauthenticated' })
  })
})
