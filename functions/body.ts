/** Reads a diagnose request body into a payload and context, or names the problem. */
import type { DiagnoseContext } from '../src/engine/index.ts'
import { checkPayload, CONTEXT_PROVIDERS, isTerraformSource, MAX_PAYLOAD_BYTES, PROBLEM_TEXT, type InputProblem } from '../src/engine/index.ts'
import type { ProblemType } from './problems.ts'

export type Parsed = { ok: true; payload: string; context?: DiagnoseContext } | { ok: false; type: ProblemType; detail: string }

/** A JSON body carries the payload escaped, so it may be larger on the wire than the payload itself. */
export const MAX_BODY_BYTES = MAX_PAYLOAD_BYTES * 8

const CONTEXT_FIELDS = ['org', 'key', 'role', 'region', 'provider'] as const
const INPUT_PROBLEM: Record<InputProblem, ProblemType> = {
  empty: 'empty-payload',
  'too-large': 'payload-too-large',
  binary: 'binary-payload',
}

const fail = (type: ProblemType, detail: string): Parsed => ({ ok: false, type, detail })

/** HCL's parser is WebAssembly too large for the Worker: the places that carry it, and what the API reads instead. */
export const TERRAFORM_SOURCE =
  'This is Terraform source (HCL), which the API does not parse. It reads text/plain, application/yaml and application/json {"payload": "…"}: ' +
  'send a plan from `terraform show -json plan.out` (or the configuration in Terraform\'s JSON syntax, .tf.json) instead, ' +
  'or check the .tf files with the CLI (npx ekm-doctor diagnose <dir>) or on the diagnose page (/diagnose/), which read HCL themselves.'

function readContext(raw: unknown): DiagnoseContext | string {
  if (raw === undefined || raw === null) return {}
  if (typeof raw !== 'object' || Array.isArray(raw)) return '"context" must be an object.'
  const context: Record<string, string> = {}
  for (const [key, value] of Object.entries(raw)) {
    if (!(CONTEXT_FIELDS as readonly string[]).includes(key)) return `Unknown context field "${key}". Known fields: ${CONTEXT_FIELDS.join(', ')}.`
    if (typeof value !== 'string' || value.length > 2048) return `Context field "${key}" must be a string of at most 2048 characters.`
    context[key] = value
  }
  if (context.provider && !(CONTEXT_PROVIDERS as readonly string[]).includes(context.provider)) return `Context field "provider" must be one of ${CONTEXT_PROVIDERS.join(', ')}.`
  return context as DiagnoseContext
}

export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase()
}

export function parseBody(type: string, bytes: ArrayBuffer): Parsed {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return fail('invalid-utf8', 'The body must be UTF-8 text.')
  }
  let payload: unknown = text
  let context: DiagnoseContext | undefined
  if (type === 'application/json') {
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return fail('invalid-json', 'The body is not valid JSON. Send {"payload": "<error text>"}, or send the text itself as text/plain.')
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { payload?: unknown }).payload !== 'string') {
      return fail('invalid-body', 'The JSON body must be an object with a string field "payload".')
    }
    payload = (body as { payload: string }).payload
    const ctx = readContext((body as { context?: unknown }).context)
    if (typeof ctx === 'string') return fail('invalid-body', ctx)
    context = ctx
  }
  const problem = checkPayload(payload as string)
  if (problem) return fail(INPUT_PROBLEM[problem], PROBLEM_TEXT[problem])
  if (isTerraformSource(payload as string)) return fail('terraform-source', TERRAFORM_SOURCE)
  return { ok: true, payload: payload as string, context }
}
