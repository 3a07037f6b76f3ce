/** RFC 9457 problem documents: every API error, one shape, never a stack trace or the payload. */
import type { Context } from 'hono'

export const PROBLEMS = {
  'empty-payload': { status: 400, title: 'Empty payload' },
  'invalid-json': { status: 400, title: 'Malformed JSON body' },
  'invalid-body': { status: 400, title: 'Invalid request body' },
  'invalid-utf8': { status: 400, title: 'Body is not valid UTF-8' },
  'binary-payload': { status: 400, title: 'Binary payload' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'request-timeout': { status: 408, title: 'Body not received in time' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'terraform-source': { status: 415, title: 'Terraform source (HCL) is not read by the API' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Temporarily unavailable' },
} as const

export type ProblemType = keyof typeof PROBLEMS

/** Where each problem type is documented (the `type` URI of the document). */
export const problemUri = (type: ProblemType) => `/guides/api/#${type}`

export function problem(c: Context, type: ProblemType, detail: string, headers: Record<string, string> = {}): Response {
  const { status, title } = PROBLEMS[type]
  const body = { type: problemUri(type), title, status, detail, requestId: c.get('requestId') as string | undefined }
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  })
}
