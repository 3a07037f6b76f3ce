/**
 * gRPC and google.rpc statuses as each language prints them: Python google-api-core, Go
 * "rpc error: code = … desc = …", Node "7 PERMISSION_DENIED: …", .NET Status(StatusCode=…), Rust
 * Status { code: … }, and Go error details ("reason = SERVICE_DISABLED").
 */
import { grpcName, httpOfGrpc } from '../grpc.ts'
import { RANK, type Signals } from '../signals.ts'
import { each, LINE, restOfLine, type Format } from './scan.ts'

const API_CORE = new RegExp(`google\\.api_core\\.exceptions\\.(\\w{2,40}): (\\d{3}) (${LINE})`, 'g')
const RPC_ERROR = new RegExp(`rpc error: code = (\\w{2,30}) desc = (${LINE})`, 'g')
/** An error with its own HTTP status inside a gRPC description: "googleapi: Error 400: …", "status code: 403". */
const INNER_ERROR = /\b(?:Error|status code:?|StatusCode[:=]|Status=|RESPONSE|HTTP) ?\d{3}\b/

function grpcStatus(s: Signals, raw: string, message?: string): void {
  const name = grpcName(raw)
  if (!name) return
  s.code(name, RANK.status)
  s.status(httpOfGrpc(name))
  s.message(message)
}

export const grpcStatusFormat: Format = {
  extract(text, s) {
    each(API_CORE, text, (m) => {
      s.status(m[2])
      grpcStatus(s, m[1], m[3])
    })
    // "PERMISSION_DENIED: msg" (gcloud, Java gRPC), "7 PERMISSION_DENIED: msg" (Node gRPC)
    each(/\b([A-Z]{2,20}(?:_[A-Z]{2,20}){0,2}): /g, text, (m) => grpcStatus(s, m[1], restOfLine(text, m.index + m[0].length)))
    each(RPC_ERROR, text, (m) => {
      // A server that wraps another service's error says Internal or Unknown: the inner error's status and code decide.
      const name = grpcName(m[1])
      if ((name !== 'INTERNAL' && name !== 'UNKNOWN') || !INNER_ERROR.test(m[2])) grpcStatus(s, m[1], m[2])
    })
    each(/\breason = ([A-Z][A-Z_]{2,60})\b/g, text, (m) => s.code(m[1], RANK.inner))
    // Python exception class without its module: "FailedPrecondition: 400 …"
    each(/\b([A-Z][A-Za-z]{3,30}): (\d{3}) /g, text, (m) => {
      if (!grpcName(m[1])) return
      s.status(m[2])
      grpcStatus(s, m[1], restOfLine(text, m.index + m[0].length))
    })
    each(/Status\(StatusCode="?(\w{2,30})"?, Detail="([^"\r\n]{0,2000})"/g, text, (m) => grpcStatus(s, m[1], m[2]))
    each(/Status \{ code: (\w{2,30}), message: "([^"\r\n]{0,2000})"/g, text, (m) => grpcStatus(s, m[1], m[2]))
  },
}
