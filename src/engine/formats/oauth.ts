/**
 * OAuth 2.0 error codes (RFC 6749 §5.2) wherever a tool prints them bare: gcloud's
 * "ERROR: (gcloud.app.deploy) invalid_grant", a C++ library's "error 400 invalid_grant Bad Request".
 * The JSON form {"error": "invalid_grant"} is read with the other objects.
 */
import { RANK } from '../signals.ts'
import { each, type Format } from './scan.ts'

const OAUTH_ERROR = /\b(invalid_request|invalid_client|invalid_grant|unauthorized_client|unsupported_grant_type|invalid_scope|invalid_target)\b/g

export const oauth: Format = {
  extract: (text, s) => each(OAUTH_ERROR, text, (m) => s.code(m[1], RANK.status)),
}
