// Prints the diagnosis accuracy (fixtures and tuning set, each also leave-one-source-out; untuned set) and holds
// the line where the issue sets it: every fixture first, no near miss matched, and no match at all
// on any unrelated payload, the symptoms' own or either corpus set's. The untuned set's top-1 and
// top-3 are reported, not gated: a failing figure there is a design question, not a rule to tune.
import { expect, it } from 'vitest'
import { allFixtures } from '../support/corpus.ts'
import { FAMILIES, SYMPTOMS, diagnoser } from '../support/engine.ts'
import { fixtureSet, leaveOneSourceOut, loadSet, score, summary } from '../support/accuracy.ts'

it('reports accuracy and holds the gates', () => {
  const fixtures = score(diagnoser, fixtureSet())
  const tuning = score(diagnoser, loadSet('tuning'))
  const untuned = score(diagnoser, loadSet('untuned'))
  const loso = leaveOneSourceOut(SYMPTOMS, FAMILIES, fixtureSet())
  const tuningLoso = leaveOneSourceOut(SYMPTOMS, FAMILIES, loadSet('tuning'))
  const nearMisses = allFixtures().filter((f) => f.kind === 'nomatch' && diagnoser.diagnose(f.text).matches.some((m) => m.id === f.id))
  console.log([summary('Fixtures', fixtures), summary('Fixtures, leave-one-source-out', loso), summary('Tuning set', tuning), summary('Tuning set, leave-one-source-out', tuningLoso), summary('Untuned set', untuned), `Near misses matched as their symptom: ${nearMisses.length}`].join('\n'))

  expect(fixtures.misses.filter((m) => m.expect.length), 'fixtures not diagnosed first').toEqual([])
  expect(nearMisses.map((f) => f.path)).toEqual([])
  expect([...fixtures.misses, ...tuning.misses, ...untuned.misses].filter((m) => m.expect.length === 0).map((m) => `${m.name}: ${m.got.join(', ')}`), 'unrelated payloads that got a match').toEqual([])
  // The corpus is as large as the issue asks: at least 150 labelled real payloads and 60 unrelated ones.
  expect(tuning.labelled + untuned.labelled).toBeGreaterThanOrEqual(150)
  expect(tuning.unrelated + untuned.unrelated).toBeGreaterThanOrEqual(60)
}, 60_000) // every fixture and corpus payload, and an engine rebuilt per fixture source
