/** AWS SDK for Java v1 "(Service: AWSKMS; Status Code: 400; Error Code: X; Request ID: …)" and v2 "(Service: Kms, Status Code: 400, Request ID: …)". */
import { RANK } from '../signals.ts'
import { awsServiceOf, each, type Format } from './scan.ts'

export const awsJava: Format = {
  extract: (text, s) =>
    // Services and tools that relay it sometimes drop the space after a colon ("Request ID:abc").
    each(/\(Service: ?([\w ]{1,60})[;,] Status Code: ?(\d{3})(?:[;,] Error Code: ?([\w.]{1,100}))?[;,] Request ID: ?([\w-]{0,100})/g, text, (m) => {
      s.service ??= awsServiceOf(m[1])
      s.status(m[2])
      s.code(m[3], RANK.named)
      s.request(m[4])
    }),
}
