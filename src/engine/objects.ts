/** Reads error signals out of parsed JSON / Python-dict values (SDK dumps, REST bodies, OAuth errors). */
import { findObjects, type Value } from './object-literal.ts'
import { grpcName } from './grpc.ts'
import { RANK, type Signals } from './signals.ts'

const MAX_DEPTH = 24
type Obj = { [key: string]: Value }

function isObj(v: Value | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** "com.amazonaws.kms#DisabledException:http://…" → "DisabledException" */
function awsType(raw: string): string {
  return raw.split('#').pop()!.split(':')[0]
}

function readObject(o: Obj, s: Signals, budget: { left: number }, depth: number): void {
  const hasMessage = typeof (o.message ?? o.Message) === 'string'
  if (typeof o.__type === 'string') s.code(awsType(o.__type), RANK.named)
  if (typeof o.name === 'string' && ('$fault' in o || '$metadata' in o || /(Exception|Error)$/.test(o.name))) {
    s.code(o.name, RANK.named)
  }
  for (const key of ['Code', 'code', 'errorCode', 'ErrorCode'] as const) {
    const v = o[key]
    if (typeof v === 'string') s.code(v, RANK.named)
    else if (typeof v === 'number') s.status(v)
  }
  if (typeof o.status === 'string') {
    const g = grpcName(o.status)
    if (g && /^[A-Z_]+$/.test(o.status)) s.code(g, RANK.status)
  } else s.status(o.status)
  if (typeof o.error === 'string') s.code(o.error, RANK.status) // OAuth: {"error": "invalid_grant"}
  if (typeof o.reason === 'string') s.code(o.reason, RANK.inner) // google.rpc.ErrorInfo
  if (typeof o.type === 'string' && hasMessage && /^[a-z_]+$/.test(o.type)) s.code(o.type, RANK.generic)
  if (Array.isArray(o.error_codes)) for (const n of o.error_codes) if (typeof n === 'number') s.code(`AADSTS${n}`, RANK.named)
  for (const key of ['innererror', 'innerError', 'InnerError']) {
    const inner = o[key]
    if (isObj(inner) && typeof inner.code === 'string') s.code(inner.code, RANK.inner)
  }
  for (const key of ['message', 'Message', 'error_description', 'errorMessage', 'detail']) s.message(o[key])
  // The clouds' audit records of a call: CloudTrail's names its operation and has an errorCode only when it
  // failed; Azure's diagnostic logs give a resultType.
  if (typeof o.eventSource === 'string' && typeof o.eventName === 'string') {
    s.op(o.eventName)
    if (o.errorCode === undefined) s.succeeded = true
  }
  if (o.resultType === 'Success') s.succeeded = true
  s.status(o.statusCode ?? o.StatusCode ?? o.httpStatusCode ?? o.HTTPStatusCode ?? o.status_code)
  s.request(o.requestId ?? o.RequestId ?? o.request_id ?? o.requestID)
  for (const v of Object.values(o)) readValue(v, s, budget, depth + 1)
}

function readValue(v: Value, s: Signals, budget: { left: number }, depth: number): void {
  if (depth > MAX_DEPTH) return
  if (Array.isArray(v)) for (const item of v) readValue(item, s, budget, depth + 1)
  else if (isObj(v)) readObject(v, s, budget, depth)
  else if (typeof v === 'string' && v.includes('{') && budget.left > 0) {
    // JSON serialised inside a string (a log field, an exception message).
    for (const inner of findObjects(v, budget)) readValue(inner, s, budget, depth + 1)
  }
}

/** Every object literal in the text, read for signals; returns the top-level ones. */
export function readObjects(text: string, s: Signals): Value[] {
  const budget = { left: text.length * 4 + 1024 }
  const values = findObjects(text, budget)
  for (const value of values) readValue(value, s, budget, 0)
  // JSON quoted inside a log line without its surrounding string: {\"__type\":…}
  if (text.includes('{\\"')) for (const value of findObjects(text.replace(/\\"/g, '"'), budget)) readValue(value, s, budget, 0)
  return values
}
