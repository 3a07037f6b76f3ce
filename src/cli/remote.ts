/**
 * `diagnose --api URL`: the diagnosis from a deployed EKM Doctor API instead of the bundled engine.
 * The payload and the context are redacted here, exactly as the engine would, before anything
 * leaves the machine; the output and exit codes are the local ones.
 */
import { redactAll, type DiagnoseContext, type Diagnosis, type Redaction } from '../engine/index.ts'

export class RemoteError extends Error {}

const TIMEOUT_MS = 30_000

function merge(a: Redaction[], b: Redaction[]): Redaction[] {
  const counts = new Map<string, number>()
  for (const { kind, count } of [...a, ...b]) counts.set(kind, (counts.get(kind) ?? 0) + count)
  return [...counts].map(([kind, count]) => ({ kind, count }))
}

export function diagnoseEndpoint(api: string): URL {
  let base: URL
  try {
    base = new URL(api)
  } catch {
    throw new RemoteError(`--api must be the service's address, such as https://ekm-doctor.example.com, not “${api}”`)
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new RemoteError(`--api must be an http(s) address, not “${api}”`)
  return new URL(`${base.pathname.replace(/\/$/, '')}/api/v1/diagnose`, base)
}

export async function remoteDiagnose(api: string, payload: string, context: DiagnoseContext): Promise<Diagnosis> {
  const url = diagnoseEndpoint(api)
  const local = redactAll(payload, context)
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ payload: local.text, ...(local.context && { context: local.context }) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name
    throw new RemoteError(`${url.origin} could not be reached (${cause})`)
  }
  const body = await res.text()
  if (!res.ok) {
    let detail = body.slice(0, 300)
    try {
      const problem = JSON.parse(body) as { title?: string; detail?: string }
      detail = [problem.title, problem.detail].filter(Boolean).join(': ')
    } catch {
      // not a problem document: the start of the body says enough
    }
    throw new RemoteError(`${url.href} answered ${res.status}${detail ? `: ${detail}` : ''}`)
  }
  let diagnosis: Diagnosis | undefined
  try {
    diagnosis = JSON.parse(body) as Diagnosis
  } catch {
    // not JSON: said below
  }
  if (!Array.isArray(diagnosis?.matches)) throw new RemoteError(`${url.href} did not answer with a diagnosis (is it an EKM Doctor API?)`)
  return { ...diagnosis, redactions: merge(local.redactions, diagnosis.redactions ?? []) }
}
