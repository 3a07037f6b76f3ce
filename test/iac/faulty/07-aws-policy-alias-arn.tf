# OpenAI Enterprise Key Management (EKM) on AWS KMS: a symmetric key, the IAM role OpenAI assumes,
# and the two policies (key policy and the role's IAM policy) that let that role call kms:Encrypt
# and kms:Decrypt on the key.
#
# Written for Terraform >= 1.5 and the hashicorp/aws provider 6.x (argument names as in the
# provider's docs for aws_kms_key, aws_kms_alias, aws_iam_role, aws_iam_role_policy and the
# aws_iam_policy_document data source). The EKM values are the ones OpenAI's AWS instructions
# prescribe (EKM Doctor's domain/ekm-facts.md §2.1); replace the organization ID with yours.
#
# Register with OpenAI afterwards: role_arn and kms_arn (outputs below) and external_id = your
# OpenAI organization ID, the same one that appears in the trust policy.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

data "aws_caller_identity" "current" {}

# --- The key ------------------------------------------------------------------------------------

resource "aws_kms_key" "openai" {
  description = "OpenAI Enterprise Key Management"

  # OpenAI asks for a symmetric encryption key: key spec SYMMETRIC_DEFAULT with key usage
  # ENCRYPT_DECRYPT. RSA, ECC and HMAC keys cannot serve OpenAI's Encrypt call.
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  key_usage                = "ENCRYPT_DECRYPT"

  # A disabled key is a revocation for OpenAI: it can no longer encrypt or decrypt.
  is_enabled = true

  # Rotating the key material under the same key ID does not affect OpenAI's access.
  enable_key_rotation = true

  # Waiting period if the key is ever scheduled for deletion (7-30 days).
  deletion_window_in_days = 30

  # OpenAI's FAQ: both the key policy and the role's IAM policy must allow kms:Encrypt and
  # kms:Decrypt. Unless the key policy allows it, an IAM policy cannot grant access to a KMS key.
  # This policy names the role directly. (Keeping the default account-root "kms:*" statement,
  # which lets IAM policies grant access, would satisfy the key-policy side as well.)
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        # Whoever manages the key and runs this Terraform.
        Sid       = "AllowKeyAdministration"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/KeyAdministrator" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        # The role OpenAI assumes: the two operations it calls, nothing more. Its ARN is built
        # from the role's name, so that it is known at plan time and Terraform creates the role
        # before the key.
        Sid       = "AllowOpenAIEKMRole"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/${aws_iam_role.openai.name}" }
        Action    = ["kms:Encrypt", "kms:Decrypt"]
        Resource  = "*"
      },
    ]
  })

  tags = {
    Purpose = "openai-ekm"
  }
}

# Optional friendly name. OpenAI also accepts the alias ARN as kms_arn, but pointing the alias at
# another key later is a revocation, and IAM policies must still name the key ARN (see below).
resource "aws_kms_alias" "openai" {
  name          = "alias/openai-ekm"
  target_key_id = aws_kms_key.openai.key_id
}

# --- The role OpenAI assumes ---------------------------------------------------------------------

resource "aws_iam_role" "openai" {
  name        = "openai-ekm"
  description = "Assumed by OpenAI for Enterprise Key Management"

  # Custom trust policy from OpenAI's instructions: trust exactly OpenAI's EnterpriseKeyManagement
  # role, and only when it presents your OpenAI organization ID as sts:ExternalId. It must be the
  # ID of the organization that registers the key (not a personal organization). With a wrong
  # principal or external ID, OpenAI cannot assume the role.
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllowOpenAIEKM"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::790389265272:role/EnterpriseKeyManagement" }
        Action    = "sts:AssumeRole"
        Condition = {
          StringEquals = {
            "sts:ExternalId" = ["org-AbCdEf0123456789abcdef01"]
          }
        }
      },
    ]
  })

  tags = {
    Purpose = "openai-ekm"
  }
}

# The role's permission policy, as in OpenAI's instructions: Sid AllowEncryptDecrypt, the two
# actions OpenAI needs (it generates data keys itself, so no GenerateDataKey), on the KEY ARN.
# An alias ARN in Resource applies to the alias, not to the key behind it, and grants nothing.
data "aws_iam_policy_document" "openai_kms" {
  statement {
    sid       = "AllowEncryptDecrypt"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:Encrypt"]
    resources = [aws_kms_alias.openai.arn]
  }
}

resource "aws_iam_role_policy" "openai_kms" {
  name   = "OpenAIEKMEncryptDecrypt"
  role   = aws_iam_role.openai.id
  policy = data.aws_iam_policy_document.openai_kms.json
}

# --- What to register with OpenAI ----------------------------------------------------------------

output "role_arn" {
  description = "role_arn to register with OpenAI"
  value       = aws_iam_role.openai.arn
}

output "kms_arn" {
  description = "kms_arn to register with OpenAI (the key ARN)"
  value       = aws_kms_key.openai.arn
}
