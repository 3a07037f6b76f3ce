/**
 * The support hand-off: a Markdown summary of a diagnosis for a ticket, and a share link. Both
 * carry ids and non-secret facts only — never the payload, never resource identifiers.
 */
import type { Diagnosis } from './types.ts'

/** The facts that are safe to put in a link: what kind of error, not whose resources. */
const SHAREABLE = ['provider', 'service', 'operation', 'condition', 'code', 'httpStatus'] as const

export function ticketMarkdown(d: Diagnosis, origin: string): string {
  const f = d.facts
  const read = SHAREABLE.map((k) => (f[k] !== undefined ? `${k}: \`${f[k]}\`` : '')).filter(Boolean)
  const lines = ['## EKM Doctor diagnosis', '']
  if (d.nearest) lines.push(`No symptom matched exactly. Read: ${d.nearest.read}. Error index for this provider: ${origin}${d.nearest.index}`, '')
  else if (!d.matches.length) lines.push('No known EKM symptom matched.', '')
  if (d.family) {
    lines.push(`**${d.family.title}**: the error does not say which of these it is (most common first).`)
    lines.push(...d.family.members.map((m, n) => `${n + 1}. \`${m.id}\`: ${m.tell}`), '')
  }
  d.matches.forEach((m, i) => {
    const byWording = m.evidence.some((e) => e.signal === 'wording') ? ', closest by wording' : ''
    lines.push(`${i === 0 ? '**Symptom**' : '**Also possible**'}: ${m.title} (\`${m.id}\`, confidence ${Math.round(m.confidence * 100)}%${byWording})`)
    lines.push(`Article: ${origin}${m.url}`)
    if (i === 0) {
      lines.push('', `Cause: ${m.cause}`, '', 'Steps suggested:', ...m.fix.map((step, n) => `${n + 1}. ${step}`))
      if (m.ruledOut?.length) lines.push('', 'Ruled out:', ...m.ruledOut.map((r) => `- \`${r.id}\`: ${r.reason}`))
    }
    lines.push('')
  })
  if (read.length) lines.push(`Facts read from the error: ${read.join(', ')}`)
  if (f.requestId) lines.push(`Request id: \`${f.requestId}\``)
  if (d.analysis) lines.push(`Checked document: ${d.analysis.title}; failed: ${d.analysis.checks.filter((c) => c.status === 'fail').map((c) => c.name).join('; ') || 'none'}`)
  lines.push('', `_The original payload and the resources it names are not included.${d.redactions.length ? ' Secrets in it were redacted before diagnosis.' : ''}_`)
  return lines.join('\n') + '\n'
}

/** `/diagnose/#…`: the fragment never reaches a server. */
export function shareLink(d: Diagnosis): string {
  const params = new URLSearchParams()
  if (d.matches.length) params.set('ids', d.matches.map((m) => m.id).join(','))
  for (const k of SHAREABLE) if (d.facts[k] !== undefined) params.set(k, String(d.facts[k]))
  return `/diagnose/#${params}`
}

export interface SharedDiagnosis {
  ids: string[]
  facts: Partial<Record<(typeof SHAREABLE)[number], string>>
}

/** Reads a share link's fragment back; unknown keys are ignored. */
export function readShareLink(fragment: string): SharedDiagnosis | null {
  const params = new URLSearchParams(fragment.replace(/^#/, ''))
  const ids = (params.get('ids') ?? '').split(',').filter((id) => /^[a-z0-9-]{3,80}$/.test(id))
  if (!ids.length) return null
  const facts: SharedDiagnosis['facts'] = {}
  for (const k of SHAREABLE) {
    const v = params.get(k)
    if (v && v.length <= 100) facts[k] = v
  }
  return { ids, facts }
}
