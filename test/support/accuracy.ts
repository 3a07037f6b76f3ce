/**
 * Diagnosis accuracy: on the symptoms' fixtures, on the tuning and untuned sets of real payloads
 * (test/corpus/), and leave-one-source-out on the fixtures. `npm run accuracy` prints it; the
 * rules gate holds the line on it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createDiagnoser, type Diagnoser } from '../../src/engine/index.ts'
import { unwrap } from '../../src/engine/facts.ts'
import { compilePattern, findPattern, prepare } from '../../src/engine/pattern.ts'
import { redact } from '../../src/engine/redact.ts'
import type { Family, Leaf, RuleSpec, Symptom } from '../../src/engine/types.ts'
import { allFixtures, ERRORS_DIR, readSources, type Fixture } from './corpus.ts'

export const CORPUS_DIR = 'test/corpus'
export type CorpusSet = 'tuning' | 'untuned'

export interface Labelled {
  name: string
  /** Ids a correct diagnoser ranks first (any of them); empty: it must match nothing. */
  expect: string[]
  source: string
  text: string
}

export interface Score {
  labelled: number
  top1: number
  top3: number
  unrelated: number
  /** Unrelated payloads that got a match. */
  falseMatches: number
  /** Labelled payloads that got no match, and of those, how many offer the right article among the nearest ones. */
  unmatched: number
  nearestRight: number
  misses: { name: string; expect: string[]; got: string[]; source: string }[]
}

export function loadSet(set: CorpusSet): Labelled[] {
  const dir = join(CORPUS_DIR, set)
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((index) =>
      readFileSync(join(dir, index), 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => {
          const row = JSON.parse(line) as { file: string; expect: string[]; source: string }
          return { name: `${set}/${row.file}`, expect: row.expect, source: row.source, text: readFileSync(join(dir, row.file), 'utf8') }
        }),
    )
}

/** The symptoms' own fixtures as labelled payloads: match → its id, unrelated → nothing; near misses are scored apart. */
export function fixtureSet(): Labelled[] {
  const sources = new Map<string, Record<string, { source: string }>>()
  const sourceOf = (f: Fixture) => {
    if (!f.id) return f.name
    if (!sources.has(f.id)) sources.set(f.id, readSources(join(ERRORS_DIR, f.id, 'fixtures')))
    return sources.get(f.id)![f.name]?.source ?? f.path
  }
  return allFixtures()
    .filter((f) => f.kind !== 'nomatch')
    .map((f) => ({ name: f.path, expect: f.kind === 'match' ? [f.id] : [], source: sourceOf(f), text: f.text }))
}

export function score(diagnoser: Diagnoser, items: readonly Labelled[]): Score {
  const s: Score = { labelled: 0, top1: 0, top3: 0, unrelated: 0, falseMatches: 0, unmatched: 0, nearestRight: 0, misses: [] }
  for (const item of items) {
    const diagnosis = diagnoser.diagnose(item.text)
    const got = diagnosis.matches.map((m) => m.id)
    if (item.expect.length === 0) {
      s.unrelated++
      if (got.length) {
        s.falseMatches++
        s.misses.push({ name: item.name, expect: [], got, source: item.source })
      }
      continue
    }
    s.labelled++
    if (item.expect.includes(got[0])) s.top1++
    else s.misses.push({ name: item.name, expect: item.expect, got: got.slice(0, 3), source: item.source })
    if (got.slice(0, 3).some((id) => item.expect.includes(id))) s.top3++
    if (!got.length) {
      s.unmatched++
      if (diagnosis.nearest?.articles.some((a) => item.expect.includes(a.id))) s.nearestRight++
    }
  }
  return s
}

/** The positive phrases of a rule (what makes it match): its leaves' and its fact combinations' phrases. */
function phrases(rule: RuleSpec): string[] {
  const leaves = (['all', 'any', 'also'] as const).flatMap((key) => (rule[key] ?? []).flatMap((leaf) => (leaf.includes === undefined ? [] : ([] as string[]).concat(leaf.includes))))
  return [...leaves, ...(rule.facts ?? []).flatMap((c) => (c.text === undefined ? [] : ([] as string[]).concat(c.text)))]
}

/** The rule without some phrases; a path left without its required phrases cannot match. */
function withoutPhrases(rule: RuleSpec, drop: Set<string>): RuleSpec {
  const strip = (leaves: Leaf[] = []) =>
    leaves.map((l) => (l.includes === undefined ? l : { ...l, includes: ([] as string[]).concat(l.includes).filter((p) => !drop.has(p)) }))
  const emptied = (l: Leaf) => Array.isArray(l.includes) && l.includes.length === 0
  const all = strip(rule.all)
  const any = strip(rule.any).filter((l) => !emptied(l))
  const phrasePathDead = all.some(emptied) || (rule.any?.length ? any.length === 0 : false)
  // A fact combination that names phrases needs one of those left.
  const facts = (rule.facts ?? []).flatMap((c) => {
    if (c.text === undefined) return [c]
    const text = ([] as string[]).concat(c.text).filter((p) => !drop.has(p))
    return text.length ? [{ ...c, text }] : []
  })
  const out: RuleSpec = { ...rule, all: phrasePathDead ? [] : all, any: phrasePathDead ? [] : any, also: strip(rule.also).filter((l) => !emptied(l)), facts }
  if (!out.all!.length && !out.any!.length && !out.facts?.length) return { any: [{ field: 'code', equals: 'never-matches-in-this-run' }] }
  return out
}

/**
 * Leave one source out, for a rule engine: for each source, the phrases that only that source's
 * payloads contain are dropped, as if the rules had been written without it; then its payloads are
 * diagnosed. Codes, fact combinations and phrases that other sources share all stay.
 */
export function leaveOneSourceOut(symptoms: readonly Symptom[], families: readonly Family[], items: readonly Labelled[]): Score {
  const labelled = items.filter((i) => i.expect.length)
  const texts = labelled.map((i) => prepare(unwrap(redact(i.text).text)).lower)
  const support = new Map<string, Set<string>>()
  for (const s of symptoms) {
    for (const phrase of phrases(s.rule)) {
      if (support.has(phrase)) continue
      const pattern = compilePattern(phrase)
      support.set(phrase, new Set(labelled.filter((_, i) => findPattern(texts[i], pattern)).map((i) => i.source)))
    }
  }
  const bySource = new Map<string, Labelled[]>()
  for (const item of labelled) bySource.set(item.source, [...(bySource.get(item.source) ?? []), item])
  const total: Score = { labelled: 0, top1: 0, top3: 0, unrelated: 0, falseMatches: 0, unmatched: 0, nearestRight: 0, misses: [] }
  const full = createDiagnoser(symptoms, families)
  for (const [source, group] of bySource) {
    const own = new Set([...support].filter(([, from]) => from.size === 1 && from.has(source)).map(([p]) => p))
    const diagnoser = own.size ? createDiagnoser(symptoms.map((s) => ({ ...s, rule: withoutPhrases(s.rule, own) })), families) : full
    const s = score(diagnoser, group)
    total.labelled += s.labelled
    total.top1 += s.top1
    total.top3 += s.top3
    total.unmatched += s.unmatched
    total.nearestRight += s.nearestRight
    total.misses.push(...s.misses)
  }
  return total
}

export const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : 'n/a')

export function summary(label: string, s: Score): string {
  const parts = [`${label}: ${s.labelled} labelled, top-1 ${pct(s.top1, s.labelled)} (${s.top1}), top-3 ${pct(s.top3, s.labelled)} (${s.top3})`]
  if (s.unrelated) parts.push(`${s.unrelated} unrelated, ${s.falseMatches} with a match`)
  if (s.unmatched) parts.push(`${s.unmatched} labelled with no match, ${s.nearestRight} of them offering the right article among the nearest`)
  return parts.join('; ')
}

export interface FactReading {
  fact: 'provider' | 'service' | 'condition'
  /** Labelled payloads whose symptom implies a value for this fact. */
  implied: number
  /** Of those, how many the engine read a value the symptom allows. */
  read: number
}

const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** What a symptom implies of a payload's facts: its cloud, and the services and conditions its rule names. */
function implied(s: Symptom): Record<FactReading['fact'], Set<string>> {
  const leaves = [...(s.rule.all ?? []), ...(s.rule.any ?? []), ...(s.rule.also ?? [])]
  const combos = s.rule.facts ?? []
  const named = (fact: 'service' | 'condition') =>
    new Set([...leaves.filter((l) => l.field === fact).flatMap((l) => [...asList(l.equals), ...asList(l.in)]), ...combos.flatMap((c) => asList(c[fact]))].map(String))
  return { provider: new Set(s.provider === 'any' ? [] : [s.provider]), service: named('service'), condition: named('condition') }
}

/**
 * The reading step on its own, below the rules: for each labelled payload, whether the provider,
 * service and condition the engine read are ones its symptom implies. A miss whose facts were read
 * is the rules' to fix; one whose facts were not is the reading's.
 */
export function factReading(diagnoser: Diagnoser, symptoms: readonly Symptom[], items: readonly Labelled[]): FactReading[] {
  const byId = new Map(symptoms.map((s) => [s.id, implied(s)]))
  const rows: FactReading[] = (['provider', 'service', 'condition'] as const).map((fact) => ({ fact, implied: 0, read: 0 }))
  for (const item of items) {
    if (!item.expect.length) continue
    const facts = diagnoser.diagnose(item.text).facts
    for (const row of rows) {
      const allowed = new Set(item.expect.flatMap((id) => [...(byId.get(id)?.[row.fact] ?? [])]))
      if (!allowed.size) continue
      row.implied++
      if (allowed.has(String(facts[row.fact]))) row.read++
    }
  }
  return rows
}
