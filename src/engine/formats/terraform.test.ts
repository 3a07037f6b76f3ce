// Real samples: Terraform diagnostics drawn in a box.
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('terraform', () => {
  // https://github.com/ollionorg/gcp-landing-zone/pull/59
  const sample = `│ Error: googleapi: Error 403: Permission denied on Cloud KMS key. Please ensure that your Cloud Storage service account has been authorized to use this key., forbidden
│ 
│   with module.cloudbuild_bootstrap.google_storage_bucket.cloudbuild_artifacts,
│   on ../modules/cloudbuild/main.tf line 77, in resource "google_storage_bucket" "cloudbuild_artifacts":
│   77: resource "google_storage_bucket" "cloudbuild_artifacts" {
│ 
╵`

  it('drops the border', () => {
    expect(unwrap(sample).split('\n')[0]).toMatch(/^Error: googleapi: Error 403: /)
  })

  it('reads the provider error inside it', () => {
    expect(facts(sample)).toMatchObject({ provider: 'gcp', code: 'forbidden', httpStatus: 403 })
  })

  it('joins a message wrapped at the terminal width', () => {
    const wrapped = '│ Error: error creating KMS Key: AccessDeniedException: User: arn:aws:iam::111122223333:user/ci is not\n│ authorized to perform: kms:TagResource because no identity-based policy allows the\n│ kms:TagResource action\n│ \n│   with aws_kms_key.this,'
    expect(unwrap(wrapped).split('\n')[0]).toBe('Error: error creating KMS Key: AccessDeniedException: User: arn:aws:iam::111122223333:user/ci is not authorized to perform: kms:TagResource because no identity-based policy allows the kms:TagResource action')
    expect(unwrap(wrapped)).toContain('\n  with aws_kms_key.this,')
  })
})
