# OpenAI Enterprise Key Management (EKM) on Azure Key Vault: a vault that uses the Azure RBAC
# permission model, an RSA key named org-<id>--<name>, a custom role with the three data actions
# OpenAI's instructions list, and that role assigned on the KEY to OpenAI's service principal.
#
# Written for Terraform >= 1.5, hashicorp/azurerm 4.x from 4.42.0 on (which names the permission
# model rbac_authorization_enabled; before 4.42.0 it was enable_rbac_authorization, now deprecated
# and removed in 5.0) and hashicorp/azuread 3.x (whose azuread_service_principal data source takes
# client_id; 2.x called it application_id). Argument names as in the providers' docs for
# azurerm_key_vault, azurerm_key_vault_key, azurerm_role_definition, azurerm_role_assignment and
# azuread_service_principal. The EKM values are the ones OpenAI's Azure instructions prescribe
# (EKM Doctor's domain/ekm-facts.md §2.3); replace the organization ID with yours.
#
# Before this runs, OpenAI's service principal must exist in your tenant (created with the Graph
# call in OpenAI's instructions); the data source below looks it up. Register the outputs.
#
# access-policy.tf beside this file is an ALTERNATIVE to this file (a vault that uses access
# policies); apply one or the other, from separate directories.

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

data "azurerm_subscription" "current" {}

# OpenAI's enterprise application "EKM - OpenAI Azure" (appId 20a14814-5ab7-4612-a671-1382b412bf93).
# Role assignments take the service principal's OBJECT id, not the appId.
data "azuread_service_principal" "openai" {
  client_id = "20a14814-5ab7-4612-a671-1382b412bf93"
}

resource "azurerm_resource_group" "ekm" {
  name     = "ekm-rg"
  location = "eastus"
}

# --- The vault ----------------------------------------------------------------------------------

resource "azurerm_key_vault" "ekm" {
  name                = "contoso-ekm-vault"
  location            = azurerm_resource_group.ekm.location
  resource_group_name = azurerm_resource_group.ekm.name
  tenant_id           = data.azurerm_client_config.current.tenant_id
  sku_name            = "standard"

  # OpenAI's steps grant access with a role assignment, so the vault must use the Azure RBAC
  # permission model. In an access-policy vault the role assignment does not count and OpenAI's
  # calls are refused.
  rbac_authorization_enabled = true

  # Soft delete keeps a deleted key recoverable (a deleted key is a revocation for OpenAI); purge
  # protection stops it being purged during retention. Not OpenAI requirements.
  soft_delete_retention_days = 90
  purge_protection_enabled   = true

  # OpenAI publishes no IP addresses to allow, so a vault firewall, disabled public access or a
  # network security perimeter blocks it. Keep public access from all networks; OpenAI still
  # needs its role on the key.
  public_network_access_enabled = true

  network_acls {
    default_action = "Allow"
    bypass         = "AzureServices"
  }
}

# Creating the key needs the Key Vault Administrator role, even for a subscription Owner.
resource "azurerm_role_assignment" "key_admin" {
  scope                = azurerm_key_vault.ekm.id
  role_definition_name = "Key Vault Administrator"
  principal_id         = data.azurerm_client_config.current.object_id
}

# --- The key ------------------------------------------------------------------------------------

resource "azurerm_key_vault_key" "openai" {
  # OpenAI checks the name's form at registration and on every request: your OpenAI organization
  # ID, two hyphens, then a name of letters, digits and hyphens only. Key Vault keys cannot be
  # renamed.
  name         = "org-AbCdEf0123456789abcdef01--openai-ekm"
  key_vault_id = azurerm_key_vault.ekm.id

  # OpenAI: "Select RSA", any RSA key size (Key Vault offers 2048, 3072 and 4096). EC keys cannot
  # encrypt.
  key_type = "RSA"
  key_size = 3072

  # OpenAI calls encrypt and decrypt, so the key's permitted operations must include both. This
  # list is Key Vault's default set of operations.
  key_opts = [
    "decrypt",
    "encrypt",
    "sign",
    "unwrapKey",
    "verify",
    "wrapKey",
  ]

  # Activate with the go-live.
  not_before_date = "2030-01-01T00:00:00Z"

  depends_on = [azurerm_role_assignment.key_admin]
}

# --- OpenAI's access to the key -------------------------------------------------------------------

# The custom role from OpenAI's instructions, in the vault's subscription: exactly these three
# data actions.
resource "azurerm_role_definition" "openai_ekm" {
  name        = "OpenAI EKM Key Crypto"
  scope       = data.azurerm_subscription.current.id
  description = "Encrypt and decrypt with a Key Vault key for OpenAI Enterprise Key Management."

  permissions {
    actions     = []
    not_actions = []
    data_actions = [
      "Microsoft.KeyVault/vaults/keys/encrypt/action",
      "Microsoft.KeyVault/vaults/keys/decrypt/action",
      "Microsoft.KeyVault/vaults/keys/read",
    ]
    not_data_actions = []
  }

  assignable_scopes = [data.azurerm_subscription.current.id]
}

# Assigned on the KEY (not the vault), as OpenAI's instructions do, to OpenAI's service principal.
# Without it OpenAI's calls are refused.
resource "azurerm_role_assignment" "openai" {
  scope              = azurerm_key_vault_key.openai.resource_versionless_id
  role_definition_id = azurerm_role_definition.openai_ekm.role_definition_resource_id
  principal_id       = data.azuread_service_principal.openai.object_id
  principal_type     = "ServicePrincipal"
}

# --- What to register with OpenAI ----------------------------------------------------------------

output "tenant_id" {
  value = data.azurerm_client_config.current.tenant_id
}

output "vault_uri" {
  value = azurerm_key_vault.ekm.vault_uri
}

output "key_name" {
  value = azurerm_key_vault_key.openai.name
}
