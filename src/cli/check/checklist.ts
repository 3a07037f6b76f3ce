/**
 * What every live checklist (check aws, check gcp) shares: its lines, how a step runs and reports
 * progress, and how an analyzer's check becomes a line.
 */
import type { Check } from '../../engine/analyze/types.ts'

export interface CheckLine {
  name: string
  status: 'pass' | 'fail' | 'skip'
  id?: string
  url?: string
  detail: string
  fix?: string
  /** False for a check that does not decide whether OpenAI can use the key (a round trip with your own credentials). */
  decides?: false
}

export interface Reporter {
  start(name: string): void
  done(line: CheckLine): void
}

/** Error text → the symptom it is, via the diagnoser; injected so the checklists stay small. */
export type Classifier = (text: string) => string | undefined

export type Outcome<T, F> = { ok: true; value: T } | { ok: false; failure: F }

/** A checklist's lines, filled through `emit`; `step` turns a thrown error into a failure with `classify`. */
export function checklist<F>(report: Reporter, classify: (error: unknown) => F) {
  const lines: CheckLine[] = []
  const emit = (line: CheckLine) => {
    const full = line.status === 'fail' && line.id ? { ...line, url: `/errors/${line.id}/` } : line
    lines.push(full)
    report.done(full)
  }
  const fromCheck = (c: Check, fix?: (c: Check) => string | undefined): CheckLine => ({
    name: c.name,
    status: c.status,
    ...(c.id && { id: c.id }),
    detail: c.detail,
    ...(c.status === 'fail' && { fix: fix?.(c) ?? c.fix }),
  })
  const skipRest = (names: string[], why: string) => names.forEach((name) => emit({ name, status: 'skip', detail: `Could not check: ${why}` }))
  async function step<T>(name: string, call: () => Promise<T>): Promise<Outcome<T, F>> {
    report.start(name)
    try {
      return { ok: true, value: await call() }
    } catch (e) {
      return { ok: false, failure: classify(e) }
    }
  }
  return { lines, emit, fromCheck, skipRest, step }
}
