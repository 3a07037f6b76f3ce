/** The checklist in a terminal (with progress when it is one) or as JSON. */
import { redact } from '../../engine/index.ts'
import { STATUS_MARK } from '../../engine/analyze/checks.ts'
import { siteUrl } from '../format.ts'
import { EXIT, type Io } from '../io.ts'
import { markStyle, PLAIN, type Style } from '../style.ts'
import type { CheckLine, Reporter } from './checklist.ts'

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

/**
 * A checklist run as a command: a header, progress and lines (or JSON), a summary, and the exit code
 * every `check` shares: 0 every deciding check passed, 1 one failed, 3 none failed but one that
 * decides could not be made.
 */
export async function runChecklist(io: Io, style: Style, json: boolean, header: string, run: (report: Reporter) => Promise<CheckLine[]>): Promise<number> {
  const base = (path: string) => siteUrl(io.env, path)
  const reporter = json ? { start() {}, done() {} } : terminalReporter(io.stdout, io.stdoutIsTty, base, style)
  if (!json) io.stdout(`${safe(header)}\n\n`)
  const lines = await run(reporter)
  const summary = summarize(lines)
  if (json) io.stdout(jsonReport(lines))
  else io.stdout(`\n${summary.pass} passed, ${summary.fail} failed, ${summary.skip} could not be checked.${!summary.fail && summary.undecided ? ' Not every check that decides could be made: run it again, or with the permissions named above.' : ''}\n`)
  return summary.fail > 0 ? EXIT.noMatch : summary.undecided > 0 ? EXIT.incomplete : EXIT.ok
}
