// The rules gate (ESLint's RuleTester, Semgrep's ruleid/ok): every match fixture diagnoses as its
// symptom, first; every near miss does not diagnose as it at all; unrelated input matches nothing.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { ERRORS_DIR, readSources, symptomFixtures, symptomIds, unrelatedFixtures } from '../support/corpus.ts'
import { diagnoser } from '../support/engine.ts'

const ranked = (text: string) => diagnoser.diagnose(text).matches.map((m) => `${m.id} (${m.confidence})`)

describe.each(symptomIds())('%s', (id) => {
  const fixtures = symptomFixtures(id)
  const sources = readSources(join(ERRORS_DIR, id, 'fixtures'))
  const match = fixtures.filter((f) => f.kind === 'match')
  const nomatch = fixtures.filter((f) => f.kind === 'nomatch')

  it.each(match.map((f) => [f.name, f] as const))('diagnoses %s as %s first', (_name, f) => {
    const matches = diagnoser.diagnose(f.text).matches
    expect(matches[0]?.id, `ranked: ${ranked(f.text).join(', ') || 'nothing'}`).toBe(id)
    // Look-alikes the text cannot rule out are ranked as well, so the user sees why.
    for (const other of sources[f.name]?.also ?? []) expect(matches.map((m) => m.id), `also ${other}`).toContain(other)
  })

  it.each(nomatch.map((f) => [f.name, f] as const))('does not diagnose %s as this symptom', (_name, f) => {
    const ids = diagnoser.diagnose(f.text).matches.map((m) => m.id)
    expect(ids, `ranked: ${ranked(f.text).join(', ')}`).not.toContain(id)
  })
})

describe('unrelated input', () => {
  it.each(unrelatedFixtures().map((f) => [f.name, f] as const))('%s matches nothing', (_name, f) => {
    expect(ranked(f.text)).toEqual([])
  })
})
