/** AWS query-protocol XML bodies (STS, IAM): <Code>, <Message>, <RequestId>. */
import { RANK } from '../signals.ts'
import { each, type Format } from './scan.ts'

export const awsXml: Format = {
  extract(text, s) {
    each(/<Code>([^<]{1,100})<\/Code>/g, text, (m) => s.code(m[1], RANK.named))
    each(/<Message>([^<]{1,2000})<\/Message>/g, text, (m) => s.message(m[1]))
    each(/<RequestId>([^<]{1,100})<\/RequestId>/g, text, (m) => s.request(m[1]))
  },
}
