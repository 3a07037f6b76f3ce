// Real samples: OAuth error codes printed bare by gcloud and by Cloud KMS's PKCS #11 library.
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('OAuth error codes printed bare', () => {
  it('reads gcloud\'s one-word error', () => {
    // https://github.com/Polymer/polymer-starter-kit/issues/720
    expect(facts('ERROR: (gcloud.preview.app.deploy) invalid_grant')).toMatchObject({ provider: 'gcp', code: 'invalid_grant' })
  })

  it('reads a code inside a library\'s sentence', () => {
    // https://github.com/GoogleCloudPlatform/kms-integrations/issues/32
    expect(facts('Error occurred when fetching oauth2 token - oauth2_credentials.cc:176 error 400 invalid_grant Bad Request').codes).toContain('invalid_grant')
  })

  it('leaves words that only contain a code alone', () => {
    expect(facts('my_invalid_grant_handler failed').codes).not.toContain('invalid_grant')
  })
})
