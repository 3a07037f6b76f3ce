/** AWS SDK for Ruby: "msg (Aws::KMS::Errors::UnsupportedOperationException)" at the end of a backtrace line. */
import { RANK } from '../signals.ts'
import { awsServiceOf, each, type Format } from './scan.ts'

export const awsRuby: Format = {
  extract: (text, s) =>
    each(/\(Aws::(\w{2,40})::Errors::(\w{2,100})\)/g, text, (m) => {
      s.service ??= awsServiceOf(m[1])
      s.code(m[2], RANK.named)
    }),
}
