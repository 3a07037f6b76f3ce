// `npm run accuracy`: top-1 and top-3 on the fixtures, on the tuning set and on the untuned set,
// false matches on unrelated payloads, and leave-one-source-out top-1 on the fixtures and on the tuning set. Misses are
// listed for the fixtures and the tuning set only: the untuned set is measured, never read for rules.
import { CODE_MEANINGS, FAMILIES, SYMPTOMS } from '../../src/generated/symptoms.ts'
import { createDiagnoser } from '../../src/engine/index.ts'
import { factReading, fixtureSet, leaveOneSourceOut, loadSet, pct, score, summary, type Score } from '../support/accuracy.ts'

const diagnoser = createDiagnoser(SYMPTOMS, FAMILIES, CODE_MEANINGS)
const fixtures = fixtureSet()
const tuning = loadSet('tuning')
const untuned = loadSet('untuned')
const rows: [string, Score, boolean][] = [
  ['Fixtures', score(diagnoser, fixtures), true],
  ['Fixtures, leave-one-source-out', leaveOneSourceOut(SYMPTOMS, FAMILIES, fixtures), false],
  ['Tuning set', score(diagnoser, tuning), true],
  // The same measure on the tuning set: how the rules do on wording only one source had.
  ['Tuning set, leave-one-source-out', leaveOneSourceOut(SYMPTOMS, FAMILIES, tuning), false],
  ['Untuned set', score(diagnoser, untuned), false],
]
for (const [label, s] of rows) console.log(summary(label, s))
// The reading step below the rules: how often the facts a payload's symptom implies were read.
for (const [label, items] of [['Tuning set', tuning], ['Untuned set', untuned]] as const) {
  const read = factReading(diagnoser, SYMPTOMS, items).map((r) => `${r.fact} ${pct(r.read, r.implied)} of ${r.implied}`)
  console.log(`${label}, facts read as the label implies: ${read.join(', ')}`)
}
for (const [label, s, listed] of rows) {
  if (!listed || !s.misses.length) continue
  console.log(`\n${label}, misses:`)
  for (const m of s.misses) console.log(`  ${m.name}\n    expected ${m.expect.join(' | ') || 'nothing'}; got ${m.got.join(', ') || 'nothing'}`)
}
