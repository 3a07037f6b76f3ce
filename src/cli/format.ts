/** Human-readable output for a terminal. */
import { placeOf, STATUS_MARK } from '../engine/analyze/checks.ts'
import { fillPlaceholders, type Diagnosis, type Match, type Resources, type Symptom } from '../engine/index.ts'
import { markStyle, PLAIN, type Style } from './style.ts'

export function siteUrl(env: Record<string, string | undefined>, path: string): string {
  const base = (env.EKM_DOCTOR_SITE ?? 'http://127.0.0.1:8787').replace(/\/$/, '')
  return base + path
}

function percent(confidence: number): string {
  return `${Math.round(confidence * 100)}%`
}

function matchBlock(m: Match, base: (path: string) => string, style: Style, resources: Resources): string[] {
  return [
    `${style.green('✔')} ${style.bold(`${m.id} — ${m.title}`)} (confidence ${percent(m.confidence)})`,
    `  ${m.summary}`,
    `  Cause: ${m.cause}`,
    '  Fix:',
    ...m.fix.map((step, i) => `    ${i + 1}. ${fillPlaceholders(step, resources).replace(/\n/g, '\n       ')}`),
    `  Evidence: ${m.evidence.map((e) => `${e.signal} “${e.text}”`).join('; ')}`,
    ...(m.ruledOut?.length ? ['  Ruled out:', ...m.ruledOut.map((r) => `    ${r.id}: ${r.reason}`)] : []),
    `  Read more: ${base(m.url)}`,
  ]
}


export function formatDiagnosis(d: Diagnosis, base: (path: string) => string, style: Style = PLAIN): string {
  const lines: string[] = []
  if (d.analysis) {
    const failed = d.analysis.checks.some((c) => c.status === 'fail')
    lines.push(style.bold(failed ? `Checked as ${d.analysis.title}:` : `This ${d.analysis.title} looks right for EKM. Checked:`))
    for (const c of d.analysis.checks) {
      lines.push(`  ${markStyle(style, c.status)(STATUS_MARK[c.status])} ${c.name}${c.status === 'skip' ? ' (could not check)' : ''} — ${c.detail}`)
      // In infrastructure code each finding says where it is, and its fix is in the code's language.
      if (!c.resource) continue
      const place = placeOf(c)
      lines.push(style.dim(`      at ${c.resource}${place ? `, ${place}` : ''}${c.at ? ` (${c.at})` : ''}`))
      if (c.status === 'fail' && c.id) lines.push(`      ${c.id} — ${base(`/errors/${c.id}/`)}`)
      if (c.status === 'fail' && c.fix) lines.push(...c.fix.split('\n').map((l) => `        ${l}`))
    }
    lines.push('')
  }
  if (d.family) {
    lines.push(`${style.bold(d.family.title)}: the error does not say which of these it is (most common first).`)
    d.family.members.forEach((m, i) => lines.push(`  ${i + 1}. ${m.id} — ${m.title}`, `     Tell apart: ${fillPlaceholders(m.tell, d.facts.resources)}`, `     ${base(m.url)}`))
    lines.push('')
  }
  if (d.nearest) {
    lines.push(style.yellow('No symptom matched exactly.'), `  Read: ${d.nearest.read}`)
    if (d.matches.length) lines.push('  Closest by wording, low confidence: check each against the payload.')
    else for (const a of d.nearest.articles) lines.push(`  Closest: ${a.id} — ${base(a.url)}`)
    lines.push(`  Error index for this provider: ${base(d.nearest.index)}`, '')
  }
  if (d.matches.length === 0 && d.nearest) {
    // The lines above are the answer.
  } else if (d.matches.length === 0 && d.analysis) {
    // The checklist above is the answer.
  } else if (d.matches.length === 0) {
    lines.push(style.yellow('No known EKM symptom matched.'))
    lines.push('  Paste the complete output, including the line with the error code, or look the code up with `ekm-doctor explain <code>`.')
  } else {
    lines.push(...matchBlock(d.matches[0], base, style, d.facts.resources))
    for (const m of d.matches.slice(1).filter((x) => !x.line)) lines.push(`  Also possible: ${m.id} — ${m.title} (confidence ${percent(m.confidence)})`)
    for (const m of d.matches.filter((x) => x.line)) lines.push('', `Line ${m.line!.number}: ${m.line!.text}`, ...matchBlock(m, base, style, d.facts.resources))
  }
  const f = d.facts
  const read = [f.provider, f.service, f.operation, f.condition, f.code, f.httpStatus].filter((x) => x !== undefined)
  if (read.length) lines.push(`  Read from the payload: ${read.join(' · ')}`)
  if (d.redactions.length) lines.push(`  Redacted: ${d.redactions.map((r) => `${r.count} × ${r.kind}`).join(', ')}`)
  return lines.join('\n') + '\n'
}

export function formatSymptom(s: Symptom, base: (path: string) => string, style: Style = PLAIN): string {
  return [
    style.bold(`${s.id} — ${s.title}`),
    '',
    s.description,
    '',
    ...(s.codes.length ? [`Codes: ${s.codes.join(', ')}`] : []),
    ...(s.aliases.length ? [`Also searched as: ${s.aliases.join(', ')}`] : []),
    ...(s.guideTerms.length ? [`Third-party guide terms (not OpenAI's or the provider's own): ${s.guideTerms.join(', ')}`] : []),
    `Cause: ${s.cause}`,
    ...(s.causes?.length ? ['Causes, most likely first:', ...s.causes.map((c, i) => `  ${i + 1}. ${c.title}\n     ${base(`/errors/${s.id}/#${c.anchor}`)}`)] : []),
    'Fix:',
    ...s.fix.map((step, i) => `  ${i + 1}. ${step}`),
    '',
    `Article: ${base(`/errors/${s.id}/`)}`,
  ].join('\n') + '\n'
}
