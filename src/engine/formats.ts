/**
 * Text formats SDKs and CLIs print, one extractor each. Every pattern starts with a literal
 * anchor and uses bounded repetition, so extraction stays linear on any input.
 */
import { grpcName, httpOfGrpc } from './grpc.ts'
import { RANK, type Signals } from './signals.ts'

type Extractor = (text: string, s: Signals) => void
const LINE = '[^\\r\\n]{0,2000}'

function each(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  for (const m of text.matchAll(re)) fn(m as RegExpExecArray)
}

/** The rest of the line after a match, for patterns that must not swallow later matches. */
function restOfLine(text: string, from: number): string {
  const end = text.indexOf('\n', from)
  return text.slice(from, end < 0 ? Math.min(text.length, from + 2000) : Math.min(end, from + 2000))
}

/** "com.amazonaws.services.kms.model.X" / "Amazon.KeyManagementService" → service */
function awsServiceOf(name: string): string | undefined {
  const n = name.toLowerCase()
  if (/\bkms\b|keymanagement|awskms/.test(n)) return 'kms'
  if (/securitytoken|\bsts\b/.test(n)) return 'sts'
  if (/\biam\b|identitymanagement/.test(n)) return 'iam'
  return undefined
}

const botocore: Extractor = (text, s) =>
  each(new RegExp(`(?:An error occurred|A client error) \\(([\\w.]{1,100})\\) (?:occurred )?when calling the (\\w{1,100}) operation(?: \\(reached max retries: \\d{1,3}\\))?:? ?(${LINE})`, 'g'), text, (m) => {
    s.code(m[1], RANK.named)
    s.op(m[2])
    s.message(m[3])
  })

const javaV1: Extractor = (text, s) =>
  each(/\(Service: ([\w ]{1,60})[;,] Status Code: (\d{3})(?:; Error Code: ([\w.]{1,100}))?[;,] Request ID: ([\w-]{0,100})/g, text, (m) => {
    s.service ??= awsServiceOf(m[1])
    s.status(m[2])
    s.code(m[3], RANK.named)
    s.request(m[4])
  })

const goV2: Extractor = (text, s) =>
  each(new RegExp(`operation error ([\\w ]{1,40}): (\\w{1,60}), (?:[^,\\r\\n]{0,80}, ){0,2}https response error StatusCode: (\\d{3}), RequestID: ([\\w-]{0,100}), (?:api error )?(\\w{1,100}): (${LINE})`, 'g'), text, (m) => {
    s.service ??= awsServiceOf(m[1])
    s.op(m[2])
    s.status(m[3])
    s.request(m[4])
    s.code(m[5], RANK.named)
    s.message(m[6])
  })

/** Go SDK v1 puts the status on the next line: "X: msg\n\tstatus code: 400, request id: …" */
const goV1: Extractor = (text, s) =>
  each(/status code: (\d{3}), request id: ([\w-]{0,100})/g, text, (m) => {
    s.status(m[1])
    s.request(m[2])
    const lineStart = text.lastIndexOf('\n', text.lastIndexOf('\n', m.index) - 1) + 1
    const previous = /^\s{0,20}(?:[\w.]{1,80}: )?([A-Z][A-Za-z0-9]{2,80}): ([^\r\n]{0,2000})/.exec(text.slice(Math.max(lineStart, m.index - 2000), m.index))
    if (previous) {
      s.code(previous[1], RANK.named)
      s.message(previous[2])
    }
  })

const php: Extractor = (text, s) => {
  each(/Error executing "(\w{1,100})" on "https:\/\/([\w.-]{1,100})"/g, text, (m) => {
    s.op(m[1])
    s.service ??= awsServiceOf(m[2].split('.')[0])
  })
  each(new RegExp(`\\b([A-Z]\\w{1,80}) \\((client|server)\\): (${LINE})`, 'g'), text, (m) => {
    s.code(m[1], RANK.named)
    s.message(m[3])
  })
}

/** "DisabledException: msg", "openai.BadRequestError: …", "com.amazonaws…AWSKMSException: …" */
const GENERIC_CLASS = /^(?:ClientError|Error|Exception|RuntimeException|HttpResponseError|ResourceNotFoundError|RequestFailedException|AmazonServiceException|AmazonClientException|ServiceException|SdkClientException|StatusRuntimeException|RpcException|RestError)$/
const OPENAI_STATUS_CLASS = /^(?:BadRequest|Authentication|PermissionDenied|NotFound|Conflict|UnprocessableEntity|RateLimit|InternalServer|API)Error$/

/** "DisabledException: msg", "openai.BadRequestError: …", "com.amazonaws…AWSKMSException: …" */
const exceptionLine: Extractor = (text, s) =>
  each(new RegExp(`\\b([A-Z]\\w{0,80}?(?:Exception|Error|Fault))(?::| -)\\s{1,20}(${LINE})`, 'g'), text, (m) => {
    const qualified = text.slice(Math.max(0, m.index - 120), m.index)
    if (/amazon/i.test(qualified)) s.service ??= awsServiceOf(qualified.split(/\s/).pop()!)
    s.code(m[1], GENERIC_CLASS.test(m[1]) ? RANK.generic : RANK.named)
    s.message(m[2])
    // openai-node: "BadRequestError: 400 Invalid 'key_name': …"
    const status = /^(\d{3}) /.exec(m[2])
    if (status && OPENAI_STATUS_CLASS.test(m[1])) s.status(status[1])
  })

const stsXml: Extractor = (text, s) => {
  each(/<Code>([^<]{1,100})<\/Code>/g, text, (m) => s.code(m[1], RANK.named))
  each(/<Message>([^<]{1,2000})<\/Message>/g, text, (m) => s.message(m[1]))
  each(/<RequestId>([^<]{1,100})<\/RequestId>/g, text, (m) => s.request(m[1]))
}

const gcloud: Extractor = (text, s) => {
  each(new RegExp(`ERROR: \\(gcloud\\.([\\w.-]{1,100})\\) (${LINE})`, 'g'), text, (m) => {
    const verb = m[1].split('.').pop()!
    s.op(verb.charAt(0).toUpperCase() + verb.slice(1))
    s.message(m[2])
  })
  each(new RegExp(`Error code ([a-z_]{3,40}): (${LINE})`, 'g'), text, (m) => {
    s.code(m[1], RANK.status)
    s.message(m[2])
  })
}

function grpcStatus(s: Signals, raw: string, message?: string): void {
  const name = grpcName(raw)
  if (!name) return
  s.code(name, RANK.status)
  s.status(httpOfGrpc(name))
  s.message(message)
}

const google: Extractor = (text, s) => {
  each(new RegExp(`google\\.api_core\\.exceptions\\.(\\w{2,40}): (\\d{3}) (${LINE})`, 'g'), text, (m) => {
    s.status(m[2])
    grpcStatus(s, m[1], m[3])
  })
  // "PERMISSION_DENIED: msg" (gcloud, Java gRPC), "7 PERMISSION_DENIED: msg" (Node gRPC)
  each(/\b([A-Z]{2,20}(?:_[A-Z]{2,20}){0,2}): /g, text, (m) => grpcStatus(s, m[1], restOfLine(text, m.index + m[0].length)))
  each(new RegExp(`rpc error: code = (\\w{2,30}) desc = (${LINE})`, 'g'), text, (m) => grpcStatus(s, m[1], m[2]))
  // Go gRPC "error details: name = ErrorInfo reason = SERVICE_DISABLED …"
  each(/\breason = ([A-Z][A-Z_]{2,60})\b/g, text, (m) => s.code(m[1], RANK.inner))
  // Python exception class without its module: "FailedPrecondition: 400 …"
  each(/\b([A-Z][A-Za-z]{3,30}): (\d{3}) /g, text, (m) => {
    if (!grpcName(m[1])) return
    s.status(m[2])
    grpcStatus(s, m[1], restOfLine(text, m.index + m[0].length))
  })
  each(/Status\(StatusCode="?(\w{2,30})"?, Detail="([^"\r\n]{0,2000})"/g, text, (m) => grpcStatus(s, m[1], m[2]))
  each(/Status \{ code: (\w{2,30}), message: "([^"\r\n]{0,2000})"/g, text, (m) => grpcStatus(s, m[1], m[2]))
  each(new RegExp(`googleapi: Error (\\d{3}): (${LINE})`, 'g'), text, (m) => {
    s.status(m[1])
    const reason = /, (\w{3,40})$/.exec(m[2])
    if (reason) s.code(reason[1], RANK.named)
    s.message(reason ? m[2].slice(0, -reason[0].length) : m[2])
  })
}

const azure: Extractor = (text, s) => {
  // azure-core / az CLI: "(Forbidden) msg", then "Code: X" and "Message: Y" lines
  each(new RegExp(`(?:^|ERROR: )\\(([A-Za-z]\\w{1,80})\\) (${LINE})`, 'gm'), text, (m) => {
    s.code(m[1], RANK.named)
    s.message(m[2])
  })
  each(/^Code: ([A-Za-z]\w{1,80})\s*$/gm, text, (m) => s.code(m[1], RANK.named))
  each(new RegExp(`^Message: (${LINE})`, 'gm'), text, (m) => s.message(m[1]))
  // .NET RequestFailedException
  each(/Status: (\d{3}) \(/g, text, (m) => s.status(m[1]))
  each(/ErrorCode: ([A-Za-z]\w{1,80})/g, text, (m) => s.code(m[1], RANK.named))
  // Go autorest: Status=403 Code="Forbidden" Message="…"
  each(/Status=(\d{3}) Code="(\w{1,80})" Message="([^"]{0,2000})"/g, text, (m) => {
    s.status(m[1])
    s.code(m[2], RANK.named)
    s.message(m[3])
  })
  each(/StatusCode=(\d{3})/g, text, (m) => s.status(m[1]))
  // Pulumi: [ForbiddenByRbac (Forbidden)]
  each(/\[(\w{2,80}) \((\w{2,80})\)\]/g, text, (m) => {
    s.code(m[1], RANK.inner)
    s.code(m[2], RANK.named)
  })
  each(/\bAADSTS(\d{4,8})\b:? ?/g, text, (m) => {
    s.code(`AADSTS${m[1]}`, RANK.named)
    s.message(restOfLine(text, m.index + m[0].length).split(/\\r\\n|Trace ID:/)[0])
  })
  // Go azcore: "RESPONSE 404: 404 Not Found" / "ERROR CODE: KeyNotFound"
  each(/\bRESPONSE (\d{3}): /g, text, (m) => s.status(m[1]))
  each(/\bERROR CODE: ([A-Za-z]\w{1,80})/g, text, (m) => s.code(m[1], RANK.named))
}

const openai: Extractor = (text, s) => {
  each(/Error code: (\d{3}) - /g, text, (m) => s.status(m[1]))
  // go-openai: "error, status code: 429, status: 429 Too Many Requests, message: …"
  each(new RegExp(`status code: (\\d{3}), (?:status: [^,\\r\\n]{0,60}, )?message: (${LINE})`, 'g'), text, (m) => {
    s.status(m[1])
    s.message(m[2])
  })
}

const http: Extractor = (text, s) => {
  each(/\bHTTP\/\d(?:\.\d)? (\d{3})\b/g, text, (m) => s.status(m[1]))
  each(/^(?:x-amzn-requestid|x-amz-request-id|x-request-id|x-ms-request-id|request-id): ?([\w./:=+-]{6,128})/gim, text, (m) => s.request(m[1]))
  each(/\b(?:Status Code|status code|StatusCode|HTTP status|Status): ?(\d{3})\b/g, text, (m) => s.status(m[1]))
  each(/\bRequest ?ID: ([\w-]{6,100})/gi, text, (m) => s.request(m[1]))
  each(/\bStatus code (\d{3})\b|invalid status code '(\d{3})'/g, text, (m) => s.status(m[1] ?? m[2]))
}

export const EXTRACTORS: Extractor[] = [botocore, javaV1, goV2, goV1, php, stsXml, gcloud, google, azure, openai, exceptionLine, http]
