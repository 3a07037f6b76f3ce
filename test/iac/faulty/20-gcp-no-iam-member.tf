# OpenAI Enterprise Key Management (EKM) on Google Cloud KMS: the Cloud KMS API, a key ring and a
# symmetric key, a workload identity pool with an OIDC provider that accepts OpenAI's Google ID
# token, and a role binding on the key for OpenAI's federated principal.
#
# Written for Terraform >= 1.5 and the hashicorp/google provider 7.x (argument names as in the
# provider's docs for google_project_service, google_kms_key_ring, google_kms_crypto_key,
# google_iam_workload_identity_pool, google_iam_workload_identity_pool_provider and
# google_kms_crypto_key_iam_member). The EKM values are the ones OpenAI's GCP instructions
# prescribe (EKM Doctor's domain/ekm-facts.md §2.2); replace the organization ID with yours.
#
# The key lives in one project (my-kms-project) and the workload identity pool in another
# (my-wif-project, project number 123456789012). If one project holds both, use the same project
# everywhere and keep a single google_project_service. Register the outputs with OpenAI.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 7.0"
    }
  }
}

provider "google" {
  region = "us-east1"
}

# The pool project's NUMBER (not its ID) goes into the federated principal and into the
# workload_identity_project_number you register.
data "google_project" "wif" {
  project_id = "my-wif-project"
}

# --- Cloud KMS API ------------------------------------------------------------------------------

# OpenAI: enable the Cloud KMS API in the key's project and, when the pool lives in a different
# project, in the pool's project as well; otherwise Cloud KMS refuses the calls.
resource "google_project_service" "cloudkms_kms" {
  project            = "my-kms-project"
  service            = "cloudkms.googleapis.com"
  disable_on_destroy = false
}

resource "google_project_service" "cloudkms_wif" {
  project            = "my-wif-project"
  service            = "cloudkms.googleapis.com"
  disable_on_destroy = false
}

# --- The key ------------------------------------------------------------------------------------

resource "google_kms_key_ring" "openai" {
  project  = "my-kms-project"
  name     = "openai-ekm"
  location = "us-east1"

  depends_on = [google_project_service.cloudkms_kms]
}

resource "google_kms_crypto_key" "openai" {
  name     = "openai-ekm-key"
  key_ring = google_kms_key_ring.openai.id

  # OpenAI asks for a "Symmetric encrypt/decrypt" key: purpose ENCRYPT_DECRYPT. Asymmetric, MAC
  # and raw-encryption keys cannot serve OpenAI's Encrypt and Decrypt calls.
  purpose = "ENCRYPT_DECRYPT"

  # Rotation (a new primary version every 90 days) does not affect OpenAI's access.
  rotation_period = "7776000s"

  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = "SOFTWARE"
  }

  # Destroying the key's versions is a revocation for OpenAI: data encrypted under them becomes
  # unreadable.
  lifecycle {
    prevent_destroy = true
  }
}

# --- Workload identity federation for OpenAI ------------------------------------------------------

# Any pool ID will do; what you register is the ID.
resource "google_iam_workload_identity_pool" "openai" {
  project                   = "my-wif-project"
  workload_identity_pool_id = "openai-ekm-pool"
  display_name              = "OpenAI EKM"
  description               = "OpenAI Enterprise Key Management"

  # A disabled pool cannot exchange OpenAI's token.
  disabled = false
}

resource "google_iam_workload_identity_pool_provider" "openai" {
  project                            = "my-wif-project"
  workload_identity_pool_id          = google_iam_workload_identity_pool.openai.workload_identity_pool_id
  workload_identity_pool_provider_id = "openai-ekm-provider"
  display_name                       = "OpenAI EKM"

  # A disabled provider cannot exchange OpenAI's token.
  disabled = false

  # OpenAI's token is a Google ID token: subject 105900137572174660365. Map the subject and accept
  # only that subject.
  attribute_mapping = {
    "google.subject" = "assertion.sub"
  }
  attribute_condition = "assertion.sub == \"105900137572174660365\""

  oidc {
    # The token's issuer.
    issuer_uri = "https://accounts.google.com"
    # The token's aud is the audience you register: your OpenAI organization ID (API customers
    # may use a project ID instead). A token whose aud is not listed here is rejected.
    allowed_audiences = ["org-AbCdEf0123456789abcdef01"]
  }
}

# --- Encrypt and decrypt on the key for OpenAI's federated principal ----------------------------------

# --- What to register with OpenAI ----------------------------------------------------------------

output "workload_identity_project_number" {
  value = data.google_project.wif.number
}

output "workload_identity_pool_id" {
  value = google_iam_workload_identity_pool.openai.workload_identity_pool_id
}

output "workload_identity_provider_id" {
  value = google_iam_workload_identity_pool_provider.openai.workload_identity_pool_provider_id
}

output "kms_project_id" {
  value = google_kms_key_ring.openai.project
}

output "kms_key_ring_name" {
  value = google_kms_key_ring.openai.name
}

output "kms_key_name" {
  value = google_kms_crypto_key.openai.name
}

output "kms_key_location" {
  value = google_kms_key_ring.openai.location
}
