/**
 * AWS SDK for Go. v2: "operation error KMS: Decrypt, https response error StatusCode: 400, …".
 * v1: "Code: msg" then "\tstatus code: 400, request id: …" on the next line, and credential
 * chains such as "WebIdentityErr: failed to retrieve credentials\ncaused by: AccessDenied: …".
 */
import { RANK } from '../signals.ts'
import { awsServiceOf, each, LINE, type Format } from './scan.ts'

const V2_RESPONSE_ERROR = new RegExp(`operation error ([\\w ]{1,40}): (\\w{1,60}), (?:[^,\\r\\n]{0,80}, ){0,2}https response error StatusCode: (\\d{3}), RequestID: ([\\w-]{0,100}), (?:api error )?(\\w{1,100}): (${LINE})`, 'g')
const CAUSED_BY = new RegExp(`\\bcaused by: ([A-Z][A-Za-z0-9]{2,80}): (${LINE})`, 'g')

export const awsGo: Format = {
  extract(text, s) {
    each(V2_RESPONSE_ERROR, text, (m) => {
      s.service ??= awsServiceOf(m[1])
      s.op(m[2])
      s.status(m[3])
      s.request(m[4])
      s.code(m[5], RANK.named)
      s.message(m[6])
    })
    // v2 without an HTTP response (credential or network failures): "operation error STS: AssumeRoleWithWebIdentity, …"
    each(/operation error ([\w ]{1,40}): (\w{1,60}),/g, text, (m) => {
      s.service ??= awsServiceOf(m[1])
      s.op(m[2])
    })
    each(/status code: (\d{3}), request id: ([\w-]{0,100})/g, text, (m) => {
      s.status(m[1])
      s.request(m[2])
      const lineStart = text.lastIndexOf('\n', text.lastIndexOf('\n', m.index) - 1) + 1
      // The line may be an item of Terraform's or go-multierror's list: "* provider.aws: Code: msg".
      const previous = /^\s{0,20}(?:[*-]\s{1,4})?(?:[\w.]{1,80}: )?([A-Z][A-Za-z0-9]{2,80}): ([^\r\n]{0,2000})/.exec(text.slice(Math.max(lineStart, m.index - 2000), m.index))
      if (previous) {
        s.code(previous[1], RANK.named)
        s.message(previous[2])
      }
    })
    // awserr chains: "caused by: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity"
    each(CAUSED_BY, text, (m) => {
      s.code(m[1], RANK.named)
      s.message(m[2])
    })
    each(/\b(WebIdentityErr|SharedCredsLoad|NoCredentialProviders|EC2RoleRequestError|AssumeRoleProviderErr): /g, text, (m) => s.code(m[1], RANK.generic))
  },
}
