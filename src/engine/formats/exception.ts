/** A language's exception line: "DisabledException: msg", "openai.BadRequestError: …", "com.amazonaws…AWSKMSException: …". */
import { RANK } from '../signals.ts'
import { awsServiceOf, each, LINE, type Format } from './scan.ts'

const GENERIC_CLASS = /^(?:ClientError|Error|Exception|RuntimeException|HttpResponseError|ResourceNotFoundError|RequestFailedException|AmazonServiceException|AmazonClientException|ServiceException|SdkClientException|StatusRuntimeException|RpcException|RestError)$/
const OPENAI_STATUS_CLASS = /^(?:BadRequest|Authentication|PermissionDenied|NotFound|Conflict|UnprocessableEntity|RateLimit|InternalServer|API)Error$/

const EXCEPTION_LINE = new RegExp(`\\b([A-Z]\\w{0,80}?(?:Exception|Error|Fault))(?::| -)\\s{1,20}(${LINE})`, 'g')

export const exception: Format = {
  extract(text, s) {
    // A code printed alone on its line, as consoles show a relayed error: "Kinesis.KMS.AccessDeniedException"
    each(/^[ \t]{0,20}((?:[A-Z]\w{1,40}\.){0,4}[A-Z]\w{1,80}(?:Exception|Error|Fault))[ \t]{0,20}$/gm, text, (m) => s.code(m[1], GENERIC_CLASS.test(m[1]) ? RANK.generic : RANK.named))
    each(EXCEPTION_LINE, text, (m) => {
      const qualified = text.slice(Math.max(0, m.index - 120), m.index)
      if (/amazon/i.test(qualified)) s.service ??= awsServiceOf(qualified.split(/\s/).pop()!)
      s.code(m[1], GENERIC_CLASS.test(m[1]) ? RANK.generic : RANK.named)
      s.message(m[2])
      // openai-node: "BadRequestError: 400 Invalid 'key_name': …"
      const status = /^(\d{3}) /.exec(m[2])
      if (status && OPENAI_STATUS_CLASS.test(m[1])) s.status(status[1])
    })
    // Python's repr of an exception, as tools log it: NoCredentialsError("Unable to locate credentials")
    each(/\b([A-Z]\w{0,80}?(?:Exception|Error))\((["'])([^"'\r\n]{1,500})\2\)/g, text, (m) => {
      s.code(m[1], GENERIC_CLASS.test(m[1]) ? RANK.generic : RANK.named)
      s.message(m[3])
    })
  },
}
