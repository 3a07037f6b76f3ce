// Prints the diagnosis accuracy over the whole fixture corpus (top-1, top-3, near-miss and
// unrelated false matches, fixtures per id) and holds the line on it.
import { expect, it } from 'vitest'
import { allFixtures, readSources, ERRORS_DIR } from '../support/corpus.ts'
import { diagnoser } from '../support/engine.ts'

it('reports accuracy over every fixture', () => {
  const rows = new Map<string, { match: number; top1: number; top3: number; nomatch: number; synthetic: number }>()
  let falseOnNearMiss = 0
  let falseOnUnrelated = 0
  for (const f of allFixtures()) {
    const ids = diagnoser.diagnose(f.text).matches.map((m) => m.id)
    if (f.kind === 'unrelated') {
      if (ids.length) falseOnUnrelated++
      continue
    }
    const row = rows.get(f.id) ?? { match: 0, top1: 0, top3: 0, nomatch: 0, synthetic: 0 }
    rows.set(f.id, row)
    if (f.kind === 'nomatch') {
      row.nomatch++
      if (ids.includes(f.id)) falseOnNearMiss++
      continue
    }
    row.match++
    if (readSources(`${ERRORS_DIR}/${f.id}/fixtures`)[f.name]?.synthetic) row.synthetic++
    if (ids[0] === f.id) row.top1++
    if (ids.slice(0, 3).includes(f.id)) row.top3++
  }
  const total = [...rows.values()].reduce((a, r) => ({ match: a.match + r.match, top1: a.top1 + r.top1, top3: a.top3 + r.top3 }), { match: 0, top1: 0, top3: 0 })
  const pct = (n: number) => `${((100 * n) / total.match).toFixed(1)}%`
  const table = [...rows].map(([id, r]) => `  ${id.padEnd(44)} match ${r.match} (synthetic ${r.synthetic})  nomatch ${r.nomatch}  top-1 ${r.top1}/${r.match}`)
  console.log(
    [
      `Diagnosis accuracy over ${total.match} match fixtures: top-1 ${pct(total.top1)}, top-3 ${pct(total.top3)}`,
      `False matches: ${falseOnNearMiss} on near misses, ${falseOnUnrelated} on unrelated inputs`,
      ...table,
    ].join('\n'),
  )
  expect(total.top1).toBe(total.match)
  expect(falseOnNearMiss + falseOnUnrelated).toBe(0)
})
