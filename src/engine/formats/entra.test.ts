// Real samples: Microsoft Entra ID token errors.
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('entra', () => {
  it('reads the AADSTS code and its message up to the trace id', () => {
    // The azure-service-principal-missing fixture azure-identity-dotnet-clientsecretcredential.txt, shortened.
    const f = facts("AADSTS7000229: The client application 20a14814-5ab7-4612-a671-1382b412bf93 is missing service principal in the tenant 00000000-0000-0000-0000-000000000000. Trace ID: 0000 Correlation ID: 0000")
    expect(f).toMatchObject({ provider: 'azure', service: 'entra', code: 'AADSTS7000229' })
    expect(f.message).toMatch(/^The client application .* is missing service principal in the tenant/)
  })

  it("reads the code from the body's error_uri when the description is cut", () => {
    // https://support.hashicorp.com/hc/en-us/articles/46097791024403-Resolving-Common-Errors-in-configuring-Workload-Identity-Federation-A-Troubleshooting-Guide
    const sample = 'RESPONSE 401: 401 Unauthorized\n{\n  "error": "invalid_client",\n  "error_description": "AADSTS700x 700213 ],\n  "timestamp": "2025-09-23 10:27:14Z",\n  "error_uri": "https://login.microsoftonline.com/error?code=700213"\n}'
    expect(facts(sample).codes).toContain('AADSTS700213')
  })
})
