// The evaluation corpus is well formed: every row names an existing payload, a real source URL and
// known symptom ids, a source's payloads all sit in one set (the split is by source), and none is counted twice.
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadSet, CORPUS_DIR } from '../support/accuracy.ts'
import { SYMPTOMS } from '../support/engine.ts'

const ids = new Set(SYMPTOMS.map((s) => s.id))
const sets = { tuning: loadSet('tuning'), untuned: loadSet('untuned') }

describe.each(Object.entries(sets))('%s set', (_set, items) => {
  it.each(items.map((i) => [i.name, i] as const))('%s is labelled with a source', (name, item) => {
    expect(existsSync(`${CORPUS_DIR}/${name}`)).toBe(true)
    expect(item.source).toMatch(/^https:\/\//)
    for (const id of item.expect) expect(ids, id).toContain(id)
  })
})

it('splits by source: no source has payloads in both sets', () => {
  const untuned = new Set(sets.untuned.map((i) => i.source))
  expect(sets.tuning.filter((i) => untuned.has(i.source)).map((i) => i.name)).toEqual([])
})

it('counts each payload once: no source gives the same text twice', () => {
  const seen = new Map<string, string>()
  const twice: string[] = []
  for (const item of [...sets.tuning, ...sets.untuned]) {
    const key = `${item.source}\n${item.text.split(/\s+/).join(' ').trim()}`
    if (seen.has(key)) twice.push(`${item.name} repeats ${seen.get(key)}`)
    else seen.set(key, item.name)
  }
  expect(twice).toEqual([])
})
