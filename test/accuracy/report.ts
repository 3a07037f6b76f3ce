// `npm run accuracy`: top-1 and top-3 on the fixtures, on the tuning set and on the untuned set,
// false matches on unrelated payloads, and leave-one-source-out top-1 on the fixtures. Misses are
// listed for the fixtures and the tuning set only: the untuned set is measured, never read for rules.
import { CODE_MEANINGS, FAMILIES, SYMPTOMS } from '../../src/generated/symptoms.ts'
import { createDiagnoser } from '../../src/engine/index.ts'
import { fixtureSet, leaveOneSourceOut, loadSet, score, summary, type Score } from '../support/accuracy.ts'

const diagnoser = createDiagnoser(SYMPTOMS, FAMILIES, CODE_MEANINGS)
const fixtures = fixtureSet()
const rows: [string, Score, boolean][] = [
  ['Fixtures', score(diagnoser, fixtures), true],
  ['Fixtures, leave-one-source-out', leaveOneSourceOut(SYMPTOMS, FAMILIES, fixtures), false],
  ['Tuning set', score(diagnoser, loadSet('tuning')), true],
  ['Untuned set', score(diagnoser, loadSet('untuned')), false],
]
for (const [label, s] of rows) console.log(summary(label, s))
for (const [label, s, listed] of rows) {
  if (!listed || !s.misses.length) continue
  console.log(`\n${label}, misses:`)
  for (const m of s.misses) console.log(`  ${m.name}\n    expected ${m.expect.join(' | ') || 'nothing'}; got ${m.got.join(', ') || 'nothing'}`)
}
