/** The checklist in a terminal (with progress when it is one) or as JSON. */
import { redact } from '../../engine/index.ts'
import { STATUS_MARK } from '../../engine/analyze/checks.ts'
import { markStyle, PLAIN, type Style } from '../style.ts'
import type { CheckLine, Reporter } from './run.ts'

export function terminalReporter(write: (t: string) => void, isTty: boolean, base: (path: string) => string, style: Style = PLAIN): Reporter {
  let pending = false
  return {
    start(name) {
      if (!isTty) return
      write(style.dim(`  … ${name}`))
      pending = true
    },
    done(line) {
      if (pending) write('\r\x1b[K')
      pending = false
      write(formatLine(line, base, style))
    },
  }
}

/** Nothing is a secret here by design, but every printed text goes through redaction anyway. */
const safe = (text: string) => redact(text).text

export function formatLine(line: CheckLine, base: (path: string) => string, style: Style = PLAIN): string {
  const out = [`${markStyle(style, line.status)(STATUS_MARK[line.status])} ${line.name} — ${safe(line.detail)}`]
  if (line.id) out.push(`    Symptom: ${line.id} — ${base(line.url ?? `/errors/${line.id}/`)}`)
  if (line.fix) out.push(`    Fix:\n${safe(line.fix).split('\n').map((l) => `      ${l}`).join('\n')}`)
  return out.join('\n') + '\n'
}

export function summarize(lines: CheckLine[]) {
  const count = (s: CheckLine['status']) => lines.filter((l) => l.status === s).length
  // A check that decides but could not be made leaves the answer open: a CI job must not read it as healthy.
  const undecided = lines.filter((l) => l.status === 'skip' && l.decides !== false).length
  return { pass: count('pass'), fail: count('fail'), skip: count('skip'), undecided }
}

export function jsonReport(lines: CheckLine[]): string {
  const checks = lines.map((l) => ({ ...l, detail: safe(l.detail), ...(l.fix && { fix: safe(l.fix) }) }))
  return JSON.stringify({ checks, summary: summarize(lines) }) + '\n'
}
