# OpenAI Enterprise Key Management (EKM) on Azure Key Vault, ACCESS-POLICY VARIANT: the same setup
# as main.tf beside this file, for a vault that uses the vault access policy permission model
# instead of Azure RBAC. It is an alternative to main.tf, not an addition: apply one or the other,
# from separate directories.
#
# OpenAI's own instructions use Azure RBAC (a role assignment on the key, main.tf). For a vault that
# uses access policies they document nothing; EKM Doctor's domain/ekm-facts.md §4.6 infers that
# OpenAI's service principal then needs an access policy with the key permissions get, encrypt and
# decrypt. In such a vault a role assignment does not count.
#
# Written for Terraform >= 1.5, hashicorp/azurerm 4.x from 4.42.0 on (rbac_authorization_enabled)
# and hashicorp/azuread 3.x (client_id); argument names as in the providers' docs for
# azurerm_key_vault, azurerm_key_vault_access_policy and azurerm_key_vault_key.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 4.42.0, < 5.0.0"
    }
    azuread = {
      source  = "hashicorp/azuread"
      version = "~> 3.0"
    }
  }
}

provider "azurerm" {
  features {}
  subscription_id = "11111111-2222-3333-4444-555555555555"
}

provider "azuread" {
  tenant_id = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
}

data "azurerm_client_config" "current" {}

# OpenAI's enterprise application "EKM - OpenAI Azure" (appId 20a14814-5ab7-4612-a671-1382b412bf93),
# created in your tenant beforehand. Access policies take the service principal's OBJECT id.
data "azuread_service_principal" "openai" {
  client_id = "20a14814-5ab7-4612-a671-1382b412bf93"
}

resource "azurerm_resource_group" "ekm" {
  name     = "ekm-rg"
  location = "eastus"
}

resource "azurerm_key_vault" "ekm" {
  name                = "contoso-ekm-vault"
  location            = azurerm_resource_group.ekm.location
  resource_group_name = azurerm_resource_group.ekm.name
  tenant_id           = data.azurerm_client_config.current.tenant_id
  sku_name            = "standard"

  # The vault access policy permission model: access comes from the access policies below.
  rbac_authorization_enabled = false

  soft_delete_retention_days = 90
  purge_protection_enabled   = true

  # OpenAI publishes no IP addresses to allow: keep public access from all networks.
  public_network_access_enabled = true

  network_acls {
    default_action = "Allow"
    bypass         = "AzureServices"
  }
}

# Whoever runs this Terraform: enough to create and manage the key.
resource "azurerm_key_vault_access_policy" "deployer" {
  key_vault_id = azurerm_key_vault.ekm.id
  tenant_id    = data.azurerm_client_config.current.tenant_id
  object_id    = data.azurerm_client_config.current.object_id

  key_permissions = [
    "Create",
    "Delete",
    "Get",
    "GetRotationPolicy",
    "List",
    "Purge",
    "Recover",
  ]
}

# OpenAI's service principal: get (newer Key Vault SDKs read the key first), encrypt and decrypt.
resource "azurerm_key_vault_access_policy" "openai" {
  key_vault_id = azurerm_key_vault.ekm.id
  tenant_id    = data.azurerm_client_config.current.tenant_id
  object_id    = data.azuread_service_principal.openai.object_id

  key_permissions = [
    "Get",
    "WrapKey",
    "UnwrapKey",
  ]
}

resource "azurerm_key_vault_key" "openai" {
  # OpenAI's key name rule: your OpenAI organization ID, two hyphens, then letters, digits, hyphens.
  name         = "org-AbCdEf0123456789abcdef01--openai-ekm"
  key_vault_id = azurerm_key_vault.ekm.id

  # RSA, any size Key Vault offers (2048, 3072, 4096).
  key_type = "RSA"
  key_size = 3072

  # Must include encrypt and decrypt, the operations OpenAI calls; Key Vault's default set.
  key_opts = [
    "decrypt",
    "encrypt",
    "sign",
    "unwrapKey",
    "verify",
    "wrapKey",
  ]

  depends_on = [azurerm_key_vault_access_policy.deployer]
}

output "tenant_id" {
  value = data.azurerm_client_config.current.tenant_id
}

output "vault_uri" {
  value = azurerm_key_vault.ekm.vault_uri
}

output "key_name" {
  value = azurerm_key_vault_key.openai.name
}
