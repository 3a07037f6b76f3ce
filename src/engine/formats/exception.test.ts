// Real samples: exception lines as languages and tools print them.
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('exception lines', () => {
  it("reads Python's repr of an exception", () => {
    // https://github.com/aws/aws-encryption-sdk-cli/issues/192
    const sample = 'Encountered unexpected error: increase verbosity to see details.\nNoCredentialsError("Unable to locate credentials")'
    expect(facts(sample)).toMatchObject({ provider: 'aws', code: 'NoCredentialsError', message: 'Unable to locate credentials' })
  })

  it('reads the code the Azure CLI prints in parentheses and names Azure by it', () => {
    // https://github.com/Azure/AzureKeyVault/issues/22
    const sample = 'ERROR: (BadParameter) Unsupported key operation(s): "wrapKey", "unwrapKey". Supported values are "sign", "verify".'
    expect(facts(sample)).toMatchObject({ provider: 'azure', code: 'BadParameter' })
  })
})
