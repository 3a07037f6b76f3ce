/**
 * AWS query-protocol XML bodies (STS, IAM): <Code>, <Message>, <RequestId>; and the JSON
 * protocol's "__type" (KMS, STS over JSON) where the body is cut short and does not parse.
 */
import { RANK } from '../signals.ts'
import { each, type Format } from './scan.ts'

export const awsXml: Format = {
  extract(text, s) {
    each(/<Code>([^<]{1,100})<\/Code>/g, text, (m) => s.code(m[1], RANK.named))
    each(/<Message>([^<]{1,2000})<\/Message>/g, text, (m) => s.message(m[1]))
    each(/<RequestId>([^<]{1,100})<\/RequestId>/g, text, (m) => s.request(m[1]))
    each(/"__type"\s{0,3}:\s{0,3}"(?:[\w.]{0,100}#)?([A-Za-z]{2,100})[":]/g, text, (m) => s.code(m[1], RANK.named))
  },
}
