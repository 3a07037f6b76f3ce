// Real samples: the Azure SDK for Go's error text, alone and nested in Resource Manager's deployment errors.
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('Azure SDK for Go', () => {
  it('reads autorest status, code and message', () => {
    // https://github.com/hashicorp/terraform-provider-azurerm/issues/14442
    const sample = '│ Error: Creating Key: keyvault.BaseClient#CreateKey: Failure responding to request: StatusCode=409 -- Original Error: autorest/azure: Service returned an error. Status=409 Code="Conflict" Message="Key vmname-custom-disk-encryption is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the key can only be recovered or purged." InnerError={"code":"ObjectIsDeletedButRecoverable"}'
    expect(facts(sample)).toMatchObject({ httpStatus: 409, codes: expect.arrayContaining(['Conflict', 'ObjectIsDeletedButRecoverable']) })
  })

  it("reads the code of a long-running operation's failure, which has no status (tuning azol-004)", () => {
    // https://github.com/hashicorp/terraform-provider-azurerm/issues/26265: an Azure Policy that disallowed a vault, cut after its reason.
    const sample = '│ Key Vault Name: "kv-sctddi-poc"): performing CreateOrUpdate: vaults.VaultsClient#CreateOrUpdate: Failure sending request: StatusCode=0 -- Original Error: Code="RequestDisallowedByPolicy" Message="Resource \'kv-sctddi-p\noc\' was disallowed by policy. Reasons: \'Soft delete and Purge Protection should be enabled and retention days should be 90 days\'. See error details for policy resource IDs." Target="kv-sctddi-poc"'
    expect(facts(sample).codes).toContain('RequestDisallowedByPolicy')
  })

  it('reads the code nested, with escaped quotes, in a deployment error', () => {
    // https://github.com/MicrosoftDocs/azure-docs/issues/96319
    // Cut after the nested message; the deployment error goes on with the target VM.
    const sample = '{"code":"DeploymentFailed","message":"At least one resource deployment operation failed. Please list deployment operations for details. Please see https://aka.ms/DeployOperations for usage details.","details":[{"code":"CreateVMSSAgentPoolFailed","message":"Code=\\"KeyVaultAccessForbidden\\" Message=\\"Unable to access key vault resource \'https://testkeyvaultlj.vault.azure.net/keys/test/5b65df696e70443d9530135ef346c1ee\' to enable encryption at rest. Please grant get, wrap and unwrap key permissions to disk encryption set \'ljencryptionset\'. Please visit https://aka.ms/keyvaultaccessssecmk for more information.'
    const f = facts(sample)
    expect(f.codes).toContain('KeyVaultAccessForbidden')
    expect(f.provider).toBe('azure')
  })
})
