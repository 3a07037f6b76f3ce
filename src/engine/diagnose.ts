/** The engine's entry point: redact → unwrap → facts → candidate rules → evaluate → families → rank. */
import { placeOf } from './analyze/checks.ts'
import { analyze, type Analysis, type AnalyzeContext } from './analyze/index.ts'
import { analyzeIacSet, terraformModuleSet, type TerraformFile } from './iac/index.ts'
import type { Value } from './object-literal.ts'
import { compileCodeAnswer } from './code-answer.ts'
import { buildCodeIndex, findInIndex } from './code-index.ts'
import { extractFacts, unwrap } from './facts.ts'
import { compileFamilies, familyAnswer, familyPhrases, isKeyError, nearestArticles, sameCloud, type FamilyIndex } from './families.ts'
import { prepare, type Pattern } from './pattern.ts'
import { redact } from './redact.ts'
import { matchOf, type Ranked } from './match.ts'
import { literalSet, phraseGate } from './phrase-set.ts'
import { bucketKeys, compileRule, DECISIVE, evaluate, excludes, phrasesOf, servicesOf, subjectOf, whyNot, type CompiledRule, type Subject } from './rules.ts'
import type { CodeMeanings, DiagnoseContext, Diagnosis, Facts, Family, Match, Redaction, Symptom } from './types.ts'
import { closestByWording } from './wording.ts'

const MAX_MATCHES = 5
/** Logs: how many lines are diagnosed on their own at most, and how sure a line's finding must be. */
const MAX_LINE_SEGMENTS = 20
const LINE_CONFIDENCE = 0.6
/** Members a family adds rank below every match that has its own evidence. */
const FAMILY_CONFIDENCE = 0.4
/** Closest by wording: below any family member, a step apart. */
const WORDING_CONFIDENCE = [0.3, 0.25, 0.2]
/**
 * A request the service rejected as malformed (a parameter typo, a broken URL) is the caller's bug, and one an
 * organization's Azure Policy disallowed says why itself: no wording guess.
 */
const MALFORMED_CODE = /^(?:ValidationException|SerializationException|ParamValidationError|MissingParameter|MissingRequiredParameter|InvalidParameter\w*|RequestDisallowedByPolicy)$/
const MALFORMED_TEXT = /validation errors? detected|The request URL is invalid|Bad Request - Invalid URL|unrecognized arguments:/i

function malformedRequest(facts: Facts, text: string): boolean {
  return facts.codes.some((c) => MALFORMED_CODE.test(c)) || MALFORMED_TEXT.test(text)
}

/** An Entra sign-in code the catalog does not name is precise about something else: no wording guess. */
function unknownSignInCode(facts: Facts, idsOfCode: (code: string) => string[]): boolean {
  const signIn = facts.codes.filter((c) => /^AADSTS\d+$/.test(c))
  return signIn.length > 0 && signIn.every((c) => !idsOfCode(c).length)
}

export interface Diagnoser {
  /**
   * `parsed`: a document the caller has already read out of the payload with a parser the engine
   * does not carry (the CLI reads a .tf file with Terraform's HCL parser); the payload stays the text.
   */
  diagnose(payload: string, context?: DiagnoseContext, parsed?: Value): Diagnosis
  /** The files of one Terraform module, parsed by the caller, checked as the one configuration Terraform loads. */
  diagnoseModule(files: TerraformFile[], context?: DiagnoseContext): Diagnosis
  symptoms: readonly Symptom[]
}

/** The payload with what the user added beside it, both redacted the same way: context values are echoed too. */
export function redactAll(payload: string, context: DiagnoseContext | undefined): { text: string; context?: DiagnoseContext; redactions: Redaction[] } {
  const redacted = redact(payload)
  if (!context) return redacted
  const counts = new Map(redacted.redactions.map((r) => [r.kind, r.count]))
  const clean = (v: string | undefined) => {
    if (v === undefined) return undefined
    const r = redact(v)
    for (const { kind, count } of r.redactions) counts.set(kind, (counts.get(kind) ?? 0) + count)
    return r.text
  }
  const safe = compact({ ...context, org: clean(context.org), key: clean(context.key), role: clean(context.role), region: clean(context.region) })
  return { text: redacted.text, context: safe, redactions: [...counts].map(([kind, count]) => ({ kind, count })) }
}

function applyContext(facts: Facts, context: DiagnoseContext | undefined): void {
  if (!context) return
  facts.provider ??= context.provider
  const r = facts.resources
  if (context.org) r.org ??= context.org
  if (context.region) r.region ??= context.region
  if (context.role) r.roleArn ??= context.role
  if (context.key?.startsWith('arn:aws')) {
    if (context.key.includes(':alias/')) r.aliasArn ??= context.key
    else r.keyArn ??= context.key
  } else if (context.key) r.keyName ??= context.key
}

/** Failed checks of a document become matches, one per symptom they lead to. */
/** A configuration document is not an error: of what was read, only its cloud and the resources it names describe it
 *  (a trust policy's sts:AssumeRole is not a call to STS, a comment on deletion is not a deleted key). */
function documentFacts(facts: Facts): Facts {
  return { provider: facts.provider, codes: [], resources: compact(facts.resources) }
}

function analysisMatches(analysis: Analysis, byId: Map<string, Symptom>): Match[] {
  const out = new Map<string, Match>()
  for (const check of analysis.checks) {
    const s = check.status === 'fail' && check.id ? byId.get(check.id) : undefined
    if (!s) continue
    const m = out.get(s.id) ?? { id: s.id, title: s.title, confidence: 0.95, url: `/errors/${s.id}/`, summary: s.description, cause: '', fix: [], evidence: [] }
    m.cause = [m.cause, check.detail].filter(Boolean).join(' ')
    if (check.fix && !m.fix.includes(check.fix)) m.fix.push(check.fix)
    const place = placeOf(check)
    const where = [check.resource && `${check.resource}${place ? ` (${place})` : ''}`, check.at].filter(Boolean).join(' ')
    m.evidence.push({ signal: 'document', text: `${where ? `${where}: ` : ''}${check.name}` })
    out.set(s.id, m)
  }
  return [...out.values()]
}

/** A parsed document passes through the same redaction as the text it was read from. */
function redactedValue(value: Value, context: DiagnoseContext | undefined): Value | undefined {
  try {
    return JSON.parse(redactAll(JSON.stringify(value), context).text) as Value
  } catch {
    return undefined
  }
}

function causeLinks(s: Symptom | undefined) {
  return (s?.causes ?? []).map((c) => ({ title: c.title, url: `/errors/${s!.id}/#${c.anchor}` }))
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}

export function createDiagnoser(symptoms: readonly Symptom[], families: readonly Family[] = [], meanings: CodeMeanings = {}): Diagnoser {
  const byId = new Map(symptoms.map((s) => [s.id, s]))
  const familyIndex: FamilyIndex = compileFamilies(families, byId)
  const codeIndex = buildCodeIndex(symptoms, meanings)
  const codeAnswer = compileCodeAnswer(symptoms, codeIndex, meanings)
  const buckets = new Map<string, CompiledRule[]>()
  const unbucketed: CompiledRule[] = []
  const compiled = symptoms.map((s) => {
    try {
      return compileRule(s)
    } catch (e) {
      throw new Error(`content/errors/${s.id}: ${(e as Error).message}`)
    }
  })
  for (const rule of compiled) {
    const keys = bucketKeys(rule)
    if (!keys) unbucketed.push(rule)
    else for (const key of keys) buckets.set(key, [...(buckets.get(key) ?? []), rule])
  }
  const phrases = [...compiled.flatMap(phrasesOf), ...familyPhrases(familyIndex)]
  const literals = literalSet(phrases.flatMap((p) => p.parts))
  const possibleOf = phraseGate(phrases)
  const ruleOf = new Map(compiled.map((r) => [r.symptom.id, r]))
  const terms = new Map(symptoms.filter((s) => s.terms).map((s) => [s.id, s.terms!]))

  const findIds = (code: string) => findInIndex(codeIndex, code)

  /** For each match, the related symptoms that were not matched, and why. */
  function ruledOut(match: Match, matched: Set<string>, subject: Subject) {
    const related = byId.get(match.id)?.related ?? []
    return related
      .filter((id) => !matched.has(id) && ruleOf.has(id))
      .map((id) => ({ id, title: byId.get(id)!.title, reason: whyNot(ruleOf.get(id)!, subject).reason }))
  }

  function candidates(codes: string[]): Set<CompiledRule> {
    const set = new Set(unbucketed)
    for (const code of codes) for (const rule of buckets.get(code.toLowerCase()) ?? []) set.add(rule)
    return set
  }

  /** The rules a line can add to the whole payload's: those that name one of its phrases or one of its codes. */
  const rulesOf = new Map<Pattern | string, CompiledRule[]>()
  const indexRule = (key: Pattern | string, rule: CompiledRule) => rulesOf.set(key, [...(rulesOf.get(key) ?? []), rule])
  for (const rule of compiled) {
    for (const p of phrasesOf(rule)) indexRule(p, rule)
    for (const leaf of [...rule.all, ...rule.any, ...rule.also, ...rule.facts.flatMap((c) => c.leaves)]) if (leaf.field === 'code') for (const code of leaf.values ?? []) indexRule(code, rule)
  }
  function lineCandidates(possible: Set<Pattern>, codes: string[]): Set<CompiledRule> {
    const set = new Set<CompiledRule>()
    for (const key of [...possible, ...codes.map((c) => c.toLowerCase())]) for (const rule of rulesOf.get(key) ?? []) set.add(rule)
    return set
  }

  /**
   * Symptoms the wording fallback may offer: of the payload's cloud, of its service when both the
   * payload and the rule name one, and not ruled out by the payload.
   */
  const servicesById = new Map(compiled.map((r) => [r.symptom.id, servicesOf(r)]))
  function wordingCandidates(subject: Subject): string[] {
    const { facts } = subject
    return symptoms
      .filter((s) => sameCloud(facts, byId, s.id) && !excludes(ruleOf.get(s.id)!, subject))
      .filter((s) => !facts.service || !servicesById.get(s.id) || servicesById.get(s.id)!.has(facts.service))
      .map((s) => s.id)
  }


  /** Rule matches for text that is already redacted. */
  function matchRules(text: string, context?: DiagnoseContext, parsed?: Value) {
    const { facts, messages, objects, succeeded } = extractFacts(text)
    if (parsed !== undefined) objects.unshift(parsed)
    applyContext(facts, context)
    const prepared = prepare(text)
    // Without a structured message, the whole payload is the message (plain pasted text).
    const message = messages.length ? prepare(messages.join('\n')) : prepared
    const present = literals.find(prepared.lower)
    if (message !== prepared) for (const literal of literals.find(message.lower)) present.add(literal)
    const subject = subjectOf(facts, message, prepared, possibleOf(present))
    return { facts, objects, subject, succeeded, matches: rank(subject) }
  }

  /** The rules that match a subject, best first. */
  function rank(subject: Subject, rules: Set<CompiledRule> = candidates(subject.facts.codes)): Ranked[] {
    const matches: Ranked[] = []
    const fallbacks: Ranked[] = []
    for (const rule of rules) {
      const result = evaluate(rule, subject)
      if (!result) continue
      const match = matchOf(rule.symptom, result.confidence, result.evidence, rule.priority)
      if (result.fallback) fallbacks.push({ ...match, fallback: true })
      else matches.push(match)
    }
    // A match on what went wrong alone only counts when no rule decided the case.
    if (!matches.some((m) => m.confidence >= DECISIVE)) matches.push(...fallbacks)
    matches.sort((a, b) => b.confidence - a.confidence || b.priority - a.priority || a.id.localeCompare(b.id))
    return matches
  }

  /**
   * A log with several errors: the lines that carry a rule's phrases are diagnosed on their own
   * (with the next line, where SDKs print status and request id). Each symptom keeps the first line
   * it was found on; a symptom the whole payload rules out is dropped.
   */
  function lineFindings(text: string, whole: Subject): Map<string, Ranked> {
    const found = new Map<string, Ranked>()
    const lines = text.split('\n')
    if (lines.length < 3) return found
    let segments = 0
    for (let i = 0; i < lines.length && segments < MAX_LINE_SEGMENTS; i++) {
      const line = prepare(lines[i]).lower
      if (!literals.find(line).size) continue
      segments++
      // The pair is read with the payload's facts (its cloud, service, what went wrong) and the codes it names itself.
      const pair = prepare(`${lines[i]}\n${lines[i + 1] ?? ''}`)
      const codes = whole.facts.codes.filter((c) => pair.lower.includes(c.toLowerCase()))
      const possible = possibleOf(literals.find(pair.lower))
      // Only the rules the pair's own phrases or codes point to: what else matches, matched the whole payload already.
      const rules = lineCandidates(possible, codes)
      if (!rules.size) continue
      const [best] = rank(subjectOf({ ...whole.facts, codes, code: codes[0] }, pair, pair, possible), rules)
      if (!best || best.confidence < LINE_CONFIDENCE || found.has(best.id)) continue
      if (whyNot(ruleOf.get(best.id)!, whole).excluded) continue // the whole payload points elsewhere
      // The line the phrase was found on: this one, or the next one of the pair.
      const phrases = best.evidence.filter((e) => e.signal === 'text' || e.signal === 'message').map((e) => prepare(e.text).lower)
      const at = phrases.length && !phrases.some((p) => line.includes(p)) && i + 1 < lines.length ? i + 1 : i
      found.set(best.id, { ...best, priority: -1, line: { number: at + 1, text: lines[at].trim().slice(0, 300) } })
    }
    return found
  }

  type Analyzer = (objects: Value[], ctx: AnalyzeContext, text: string) => Analysis | null

  function diagnose(payload: string, rawContext?: DiagnoseContext, parsed?: Value, analyzeDocument: Analyzer = analyze): Diagnosis {
    const redacted = redactAll(payload, rawContext)
    const context = redacted.context
    const text = unwrap(redacted.text)
    const redactions = redacted.redactions
    const { facts, objects, subject, succeeded, matches } = matchRules(text, context, parsed === undefined ? undefined : redactedValue(parsed, context))
    const analysis = analyzeDocument(objects, { org: context?.org, key: context?.key, role: context?.role, region: context?.region }, text)
    if (analysis) {
      // A document's findings are definite; a rule that also fired for the same symptom only adds evidence.
      for (const finding of analysisMatches(analysis, byId)) {
        const rule = matches.findIndex((m) => m.id === finding.id)
        if (rule >= 0) finding.evidence.push(...matches.splice(rule, 1)[0].evidence)
        matches.push({ ...finding, priority: 1 })
      }
    }
    // Only a known code was pasted: its meanings as the catalog ranks them, as the search box,
    // /codes/<code>/ and explain show them. The rules know no more than the code itself.
    const bare = analysis ? undefined : codeAnswer(text)
    if (bare) matches.splice(0, matches.length, ...bare.matches)
    // A provider the user names rules out the other clouds' look-alikes (OpenAI-side and any-provider symptoms stay).
    if (context?.provider) {
      for (let i = matches.length - 1; i >= 0; i--) {
        const p = byId.get(matches[i].id)?.provider
        if (p && p !== context.provider && p !== 'openai' && p !== 'any') matches.splice(i, 1)
      }
    }
    matches.sort((a, b) => b.confidence - a.confidence || b.priority - a.priority || a.id.localeCompare(b.id))
    // The payload names a family but not the member: its members, most common first, and how to tell them apart.
    const family = analysis || bare ? undefined : familyAnswer(familyIndex, subject, matches, byId, (id) => excludes(ruleOf.get(id)!, subject))
    if (family) {
      // A family the payload names by its own words or codes outranks a guess from what went wrong alone.
      if (!family.byCondition) {
        const members = new Set(family.answer.members.map((m) => m.id))
        for (let i = matches.length - 1; i >= 0; i--) if (matches[i].fallback && !members.has(matches[i].id)) matches.splice(i, 1)
      }
      const known = new Set(matches.map((m) => m.id))
      const floor = Math.min(FAMILY_CONFIDENCE, ...matches.map((m) => m.confidence))
      family.answer.members.filter((m) => !known.has(m.id)).forEach((member, i) => {
        matches.push(matchOf(byId.get(member.id)!, Math.max(0.05, Math.round((floor - 0.05 * (i + 1)) * 100) / 100), family.evidence, -1))
      })
    }
    const top = matches.slice(0, MAX_MATCHES)
    if (top.length && !analysis) {
      const byLine = lineFindings(text, subject)
      for (const m of top) m.line = byLine.get(m.id)?.line
      const known = new Set(matches.map((m) => m.id))
      top.push(...[...byLine.values()].filter((f) => !known.has(f.id)))
    }
    // No rule, family or document decided, but the payload is clearly a key error: the articles closest by wording.
    // An audit record of a call that worked is no error at all.
    const keyError = !top.length && !analysis && !succeeded && isKeyError(facts)
    const closest = keyError && !malformedRequest(facts, text) && !unknownSignInCode(facts, findIds) ? closestByWording(terms, subject.message.text, wordingCandidates(subject), facts.codes) : []
    closest.forEach((c, i) => {
      const s = byId.get(c.id)!
      top.push(matchOf(s, WORDING_CONFIDENCE[i], [{ signal: 'wording', text: c.shared.join(', ') }], -2))
    })
    const matched = new Set(top.map((m) => m.id))
    const nearest = keyError ? nearestArticles(subject, familyIndex, findIds, byId, closest.map((c) => c.id)) : undefined
    return {
      matches: top.map(({ priority: _p, fallback: _f, ...m }) => ({ ...compact(m), causes: causeLinks(byId.get(m.id)), ruledOut: ruledOut(m, matched, subject) })),
      facts: compact(analysis ? documentFacts(facts) : { ...facts, resources: compact(facts.resources) }),
      redactions,
      ...(analysis && { analysis }),
      ...(family && { family: family.answer }),
      ...(bare?.family && { family: bare.family }),
      ...(nearest && { nearest }),
    }
  }

  function diagnoseModule(files: TerraformFile[], rawContext?: DiagnoseContext): Diagnosis {
    const context = redactAll('', rawContext).context
    const set = terraformModuleSet(files.map((f) => ({ ...f, value: redactedValue(f.value, context) ?? null })))
    // The rules read the files' text as one payload; the analysis is the module's, not any one file's.
    return diagnose(files.map((f) => f.text).join('\n'), rawContext, undefined, (_objects, ctx) => (set ? analyzeIacSet(set, ctx) : null))
  }

  return { diagnose, diagnoseModule, symptoms }
}
