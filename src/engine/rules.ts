/**
 * Declarative rules compiled once: patterns prepared, rules bucketed by the codes they require,
 * so a payload only touches the rules of its own codes plus the few keyed on text alone.
 */
import { compilePattern, findPattern, type Pattern, type Prepared } from './pattern.ts'
import type { Evidence, FactCombo, Facts, Leaf, Symptom } from './types.ts'

const DEFAULT_WEIGHT: Record<Leaf['field'], number> = {
  code: 0.6, message: 0.5, text: 0.4, provider: 0.1, service: 0.1, operation: 0.1, status: 0.1, permission: 0.1, condition: 0.1,
}

/** A fact combination decides below any phrase: phrases stay the sharpest signal. */
const DEFAULT_COMBO_WEIGHT = 0.45
const COMBO_KEYS = ['provider', 'service', 'operation', 'code', 'status', 'permission', 'condition', 'text'] as const

/** What a rule is evaluated against (made once per payload or line pair by `subjectOf`). */
export interface Subject {
  facts: Facts
  message: Prepared
  text: Prepared
  /** Rule phrases whose every part is present in the message or the text; any other cannot match. */
  possible: Set<Pattern>
  /** The facts' codes and single values in lower case, as the leaves compare them. */
  lower: { codes: [code: string, lower: string][]; scalars: Partial<Record<Leaf['field'], string>> }
  /** An error the application raised itself, with no code or status from a service (see `testCombos`). */
  ownError: boolean
}

/** A statement in a stack trace that raises a plain exception with a literal message. */
const OWN_RAISE = /\b(?:raise (?:Exception|RuntimeError|ValueError)\(\s*["']|throw new Error\(\s*["'`])/

export function subjectOf(facts: Facts, message: Prepared, text: Prepared, possible: Set<Pattern>): Subject {
  const scalars: Subject['lower']['scalars'] = {}
  for (const field of SCALAR_FIELDS) {
    const value = scalar(facts, field)
    if (value !== undefined) scalars[field] = value.toLowerCase()
  }
  return {
    facts,
    message,
    text,
    possible,
    lower: { codes: facts.codes.map((c) => [c, c.toLowerCase()]), scalars },
    ownError: !facts.codes.length && facts.httpStatus === undefined && OWN_RAISE.test(text.text),
  }
}

export interface CompiledLeaf {
  field: Leaf['field']
  weight: number
  values?: Set<string>
  /** The values as the catalog spells them, for reasons shown to readers. */
  shown?: string[]
  patterns?: Pattern[]
}

export interface CompiledRule {
  symptom: Symptom
  all: CompiledLeaf[]
  any: CompiledLeaf[]
  none: CompiledLeaf[]
  also: CompiledLeaf[]
  facts: CompiledCombo[]
  priority: number
}

export interface CompiledCombo {
  leaves: CompiledLeaf[]
  weight: number
  /** It names what went wrong rather than how: a fallback, dropped when another rule decides. */
  fallback: boolean
}

/** At or above this, a match has decided the case on its own. */
export const DECISIVE = 0.7

/** { service: sts, code: [AccessDenied], operation: "AssumeRole*" } → leaves that must all match. */
export function compileCombo(combo: FactCombo): CompiledCombo {
  const weight = combo.weight ?? DEFAULT_COMBO_WEIGHT
  if (!(weight > 0 && weight < 1)) throw new Error(`fact weight must be in (0, 1): ${JSON.stringify(combo)}`)
  const unknown = Object.keys(combo).filter((k) => k !== 'weight' && !(COMBO_KEYS as readonly string[]).includes(k))
  if (unknown.length) throw new Error(`unknown fact ${unknown.join(', ')}; facts are ${COMBO_KEYS.join(', ')}`)
  const leaves = COMBO_KEYS.filter((k) => combo[k] !== undefined).map((field) => {
    const values = ([] as (string | number)[]).concat(combo[field]!).map(String)
    // A text fact is a phrase the payload contains, as in a rule's "includes".
    if (field === 'text') return leafOf(field, 1, { patterns: values.map(compilePattern) })
    const prefixes = values.filter((v) => v.endsWith('*')).map((v) => v.slice(0, -1))
    const exact = values.filter((v) => !v.endsWith('*'))
    return leafOf(field, 1, { values: exact.length ? new Set(exact.map((v) => v.toLowerCase())) : undefined, patterns: prefixes.length ? prefixes.map(compilePattern) : undefined })
  })
  if (!leaves.length) throw new Error(`a fact combination needs at least one fact: ${JSON.stringify(combo)}`)
  return { leaves, weight, fallback: combo.condition !== undefined }
}

/** The first combination whose facts all hold: its evidence and weight, or null. */
export function testCombos(combos: CompiledCombo[], subject: Subject): { evidence: Evidence[]; weight: number; fallback: boolean } | null {
  for (const combo of combos) {
    // An error the application raised itself says nothing of the key service:
    // `raise Exception("KMS Key ID not found.")` is the app's own check.
    if (combo.fallback && subject.ownError) continue
    const evidence: Evidence[] = []
    for (const leaf of combo.leaves) {
      const e = testLeaf(leaf, subject)
      if (!e) break
      evidence.push(e)
    }
    if (evidence.length === combo.leaves.length) return { evidence, weight: combo.weight, fallback: combo.fallback }
  }
  return null
}

/** Every leaf has the same shape, so the hot loop that tests them reads one kind of object. */
function leafOf(field: Leaf['field'], weight: number, { values, shown, patterns }: Pick<CompiledLeaf, 'values' | 'shown' | 'patterns'>): CompiledLeaf {
  return { field, weight, values, shown, patterns }
}

export function compileLeaf(leaf: Leaf): CompiledLeaf {
  const weight = leaf.weight ?? DEFAULT_WEIGHT[leaf.field]
  if (!(weight > 0 && weight <= 1)) throw new Error(`weight must be in (0, 1]: ${JSON.stringify(leaf)}`)
  if (leaf.includes !== undefined) {
    const list = Array.isArray(leaf.includes) ? leaf.includes : [leaf.includes]
    return leafOf(leaf.field, weight, { patterns: list.map(compilePattern) })
  }
  const values = leaf.in ?? (leaf.equals !== undefined ? [leaf.equals] : undefined)
  if (!values?.length) throw new Error(`leaf needs equals, in or includes: ${JSON.stringify(leaf)}`)
  return leafOf(leaf.field, weight, { values: new Set(values.map((v) => String(v).toLowerCase())), shown: values.map(String) })
}

const SCALAR_FIELDS = ['provider', 'service', 'operation', 'status', 'permission', 'condition'] as const

function scalar(facts: Facts, field: (typeof SCALAR_FIELDS)[number]): string | undefined {
  switch (field) {
    case 'provider': return facts.provider
    case 'service': return facts.service
    case 'operation': return facts.operation
    case 'status': return facts.httpStatus?.toString()
    case 'permission': return facts.permission
    case 'condition': return facts.condition
  }
}

/** The value a fact combination gives for a fact the payload did not state (service: none). */
const ABSENT = 'none'

/** Evidence when the leaf matches, otherwise null. */
export function testLeaf(leaf: CompiledLeaf, subject: Subject): Evidence | null {
  if (leaf.field === 'code') {
    for (const [code, lower] of subject.lower.codes) {
      if (leaf.values?.has(lower) || leaf.patterns?.some((p) => p.parts.every((part) => lower.includes(part)))) {
        return { signal: 'code', text: code }
      }
    }
    return null
  }
  if (leaf.field === 'message' || leaf.field === 'text') {
    const target = leaf.field === 'message' ? subject.message : subject.text
    for (const pattern of leaf.patterns ?? []) {
      if (!subject.possible.has(pattern)) continue
      const span = findPattern(target.lower, pattern)
      if (span) return { signal: leaf.field, text: target.text.slice(span[0], span[1]).slice(0, 300), ...around(target.text, span) }
    }
    for (const value of leaf.values ?? []) if (target.lower.includes(value)) return { signal: leaf.field, text: value }
    return null
  }
  const value = subject.lower.scalars[leaf.field]
  if (value === undefined) return leaf.values?.has(ABSENT) ? { signal: leaf.field, text: ABSENT } : null
  if (leaf.values?.has(value) || leaf.patterns?.some((p) => value.includes(p.parts[0]))) return { signal: leaf.field, text: value }
  return null
}

/** Up to this much of the line on either side of a phrase. */
const AROUND = 80

/** The rest of the phrase's line on either side of it, when there is any. */
function around(text: string, [start, end]: [number, number]): { around?: Evidence['around'] } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  const lineEnd = text.indexOf('\n', end)
  const before = text.slice(Math.max(lineStart, start - AROUND), start).trimStart()
  const after = text.slice(end, Math.min(lineEnd < 0 ? text.length : lineEnd, end + AROUND)).trimEnd()
  return before || after ? { around: { before, after } } : {}
}

export function compileRule(symptom: Symptom): CompiledRule {
  const r = symptom.rule
  const compiled = {
    symptom,
    all: (r.all ?? []).map(compileLeaf),
    any: (r.any ?? []).map(compileLeaf),
    none: (r.none ?? []).map(compileLeaf),
    also: (r.also ?? []).map(compileLeaf),
    facts: (r.facts ?? []).map(compileCombo),
    priority: r.priority ?? 0,
  }
  if (compiled.all.length + compiled.any.length + compiled.facts.length === 0) throw new Error(`${symptom.id}: a rule needs "all", "any" or "facts"`)
  return compiled
}

/** Every message and text phrase of the rule, for the one-pass prefilter. */
export function phrasesOf(rule: CompiledRule): Pattern[] {
  return phrasePatterns([...rule.all, ...rule.any, ...rule.none, ...rule.also, ...rule.facts.flatMap((c) => c.leaves)])
}

/** The message and text phrases among these leaves. */
export function phrasePatterns(leaves: CompiledLeaf[]): Pattern[] {
  return leaves.filter((l) => l.field === 'message' || l.field === 'text').flatMap((l) => l.patterns ?? [])
}

/** The codes one path of a rule cannot match without, or null when it can match without a code. */
function requiredCodes(leaves: CompiledLeaf[], any: CompiledLeaf[]): string[] | null {
  const required = leaves.find((l) => l.field === 'code' && l.values && !l.patterns)
  if (required) return [...required.values!]
  if (any.length && any.every((l) => l.field === 'code' && l.values && !l.patterns)) return any.flatMap((l) => [...l.values!])
  return null
}

/** The codes a rule cannot match without (on its phrase path and on each fact combination), or null. */
export function bucketKeys(rule: CompiledRule): string[] | null {
  const paths = [...(rule.all.length + rule.any.length ? [requiredCodes(rule.all, rule.any)] : []), ...rule.facts.map((c) => requiredCodes(c.leaves, []))]
  if (paths.some((p) => p === null)) return null
  return [...new Set(paths.flat() as string[])]
}

function describe(leaf: CompiledLeaf): string {
  const values = leaf.shown ?? [...(leaf.values ?? [])]
  if (leaf.field === 'code') return `the error code ${values.join(' or ') || leaf.patterns?.map((p) => p.source).join(' or ')}`
  const phrases = leaf.patterns?.map((p) => `“${p.source}”`) ?? values.map((v) => `“${v}”`)
  return leaf.field === 'message' || leaf.field === 'text' ? phrases.slice(0, 3).join(' or ') : `${leaf.field} ${phrases.join(' or ')}`
}

/** Why a rule did not match: the first required signal missing, or the signal that excludes it. */
export function whyNot(rule: CompiledRule, subject: Subject): { excluded: boolean; reason: string } {
  if (!phraseHits(rule, subject) && !testCombos(rule.facts, subject)) {
    const missing = rule.all.find((leaf) => !testLeaf(leaf, subject))
    if (missing) return { excluded: false, reason: `the payload lacks ${describe(missing)}` }
    if (rule.any.length) return { excluded: false, reason: `the payload has none of its signals (${rule.any.slice(0, 2).map(describe).join('; ')})` }
    return { excluded: false, reason: 'the payload lacks the facts that identify it' }
  }
  for (const leaf of rule.none) {
    const hit = testLeaf(leaf, subject)
    if (hit) return { excluded: true, reason: `the payload contains “${hit.text}”, which points to another cause` }
  }
  return { excluded: false, reason: 'it matched with less confidence than the symptoms above' }
}

/** The services a rule names (in its leaves or fact combinations), or null when it names none. */
export function servicesOf(rule: CompiledRule): Set<string> | null {
  const leaves = [...rule.all, ...rule.any, ...rule.also, ...rule.facts.flatMap((c) => c.leaves)]
  const named = leaves.filter((l) => l.field === 'service').flatMap((l) => [...(l.values ?? [])])
  return named.length ? new Set(named) : null
}

/** Whether the payload carries a signal the rule's `none` names: it points to another cause. */
export function excludes(rule: CompiledRule, subject: Subject): boolean {
  return rule.none.some((leaf) => testLeaf(leaf, subject))
}

/** The leaves that carry the rule's phrase path (all of `all`, at least one of `any`), or null. */
function phraseHits(rule: CompiledRule, subject: Subject): [CompiledLeaf, Evidence][] | null {
  if (rule.all.length + rule.any.length === 0) return null
  const hits: [CompiledLeaf, Evidence][] = []
  for (const leaf of rule.all) {
    const e = testLeaf(leaf, subject)
    if (!e) return null
    hits.push([leaf, e])
  }
  const before = hits.length
  for (const leaf of rule.any) {
    const e = testLeaf(leaf, subject)
    if (e) hits.push([leaf, e])
  }
  return rule.any.length && hits.length === before ? null : hits
}

/**
 * Evidence list and confidence, or null. On the phrase path, confidence is the noisy-OR of the
 * matched leaves' weights; without the phrases, a sufficient fact combination gives its own weight.
 */
export function evaluate(rule: CompiledRule, subject: Subject): { evidence: Evidence[]; confidence: number; fallback?: boolean } | null {
  const hits = phraseHits(rule, subject)
  const combo = hits ? null : testCombos(rule.facts, subject)
  if (!hits && !combo) return null
  if (excludes(rule, subject)) return null
  if (combo) return { evidence: combo.evidence, confidence: combo.weight, ...(combo.fallback && { fallback: true }) }
  for (const leaf of rule.also) {
    const e = testLeaf(leaf, subject)
    if (e) hits!.push([leaf, e])
  }
  const evidence: Evidence[] = []
  let miss = 1
  for (const [leaf, e] of hits!) {
    miss *= 1 - leaf.weight
    if (!evidence.some((x) => x.signal === e.signal && x.text === e.text)) evidence.push(e)
  }
  return { evidence, confidence: Math.min(0.99, Math.round((1 - miss) * 100) / 100) }
}
