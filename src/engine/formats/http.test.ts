// Real samples: HTTP statuses as clients print them, including AutoRest's status names.
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('HTTP status', () => {
  it('reads the status name AutoRest clients print (Azure .NET SDK)', () => {
    // https://github.com/Azure/azure-libraries-for-net/issues/971
    const sample = "An exception of type 'Microsoft.Azure.KeyVault.Models.KeyVaultErrorException' occurred in Environment.dll but was not handled in user code: 'Operation returned an invalid status code 'Forbidden''"
    expect(facts(sample)).toMatchObject({ provider: 'azure', service: 'keyvault', httpStatus: 403 })
  })

  it('reads it from Az PowerShell too', () => {
    // https://github.com/MicrosoftDocs/azure-docs/issues/34283
    const sample = "Add-AzKeyVaultKey : Operation returned an invalid status code 'Forbidden'\n+ CategoryInfo          : CloseError: (:) [Add-AzKeyVaultKey], KeyVaultErrorException"
    expect(facts(sample)).toMatchObject({ provider: 'azure', service: 'keyvault', httpStatus: 403 })
  })

  it('reads numeric statuses and ignores names it does not know', () => {
    expect(facts('HTTP/1.1 429 Too Many Requests').httpStatus).toBe(429)
    expect(facts("Operation returned an invalid status code 'Whatever'").httpStatus).toBeUndefined()
  })
})
