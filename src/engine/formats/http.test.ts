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

  it("reads a status followed by its reason phrase (Google's Java auth library)", () => {
    // https://github.com/googleapis/google-auth-library-java/issues/1561
    const sample = '"exception_class": "com.google.auth.oauth2.GoogleAuthException", "exception_message": "Error getting access token for service account: 401 Unauthorized POST https://accounts.google.com/o/oauth2/token, iss: XXXX.iam.gserviceaccount.com'
    expect(facts(sample)).toMatchObject({ provider: 'gcp', httpStatus: 401, condition: 'unauthenticated' })
    // A number before other words is no status.
    expect(facts('Found 401 Unauthorizedly named files').httpStatus).toBeUndefined()
  })

  it("reads google-github-actions/auth's status", () => {
    // The gcp-impersonation-denied fixture gha-auth-generate-access-token-404.txt
    const sample = 'failed to call https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/xxxxxxxxxxxx.iam.gserviceaccount.com:generateAccessToken: HTTP 404: [no body]'
    expect(facts(sample)).toMatchObject({ provider: 'gcp', service: 'iam', httpStatus: 404, condition: 'not-found' })
  })

  it('reads the status a coding agent prints before the body (tuning oail-012)', () => {
    // https://github.com/Gitlawb/openclaude/issues/1528
    const sample = ' API Error: 402 {"error":{"message":"Insufficient credits — top up your balance at \n     https://gitlawb.com/opengateway/credits","type":"insufficient_quota","code":"insufficient_credits"}}'
    expect(facts(sample).httpStatus).toBe(402)
  })

  it('reads numeric statuses and ignores names it does not know', () => {
    expect(facts('HTTP/1.1 429 Too Many Requests').httpStatus).toBe(429)
    expect(facts("Operation returned an invalid status code 'Whatever'").httpStatus).toBeUndefined()
  })
})
