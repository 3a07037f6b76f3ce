/**
 * Families: symptoms a payload can name without deciding between them (a Key Vault 403 with no
 * reason, a KMS denial with no "because" clause). The answer lists the members, most common
 * first as the catalog declares them, each with the step that tells it apart. And when nothing
 * matched at all: the articles nearest to what the payload clearly is.
 */
import type { Pattern } from './pattern.ts'
import { compileCombo, DECISIVE, phrasePatterns, testCombos, testLeaf, type CompiledCombo, type Subject } from './rules.ts'
import type { Evidence, Facts, Family, FamilyAnswer, Match, Nearest, Symptom } from './types.ts'

interface CompiledFamily {
  family: Family
  when: CompiledCombo[]
  unless: CompiledCombo[]
}

export type FamilyIndex = CompiledFamily[]

/** A match outside the family at or above this points elsewhere, so the family is not offered. */
const ELSEWHERE = 0.4

export function compileFamilies(families: readonly Family[], byId: Map<string, Symptom>): FamilyIndex {
  return families.map((family) => {
    const unknown = family.members.filter((m) => !byId.has(m.id))
    if (unknown.length) throw new Error(`family ${family.id}: unknown member ${unknown.map((m) => m.id).join(', ')}`)
    return { family, when: family.when.map(compileCombo), unless: (family.unless ?? []).map(compileCombo) }
  })
}

/** The families' phrases, for the phrase set. */
export function familyPhrases(index: FamilyIndex): Pattern[] {
  return index.flatMap(({ when, unless }) => phrasePatterns([...when, ...unless].flatMap((c) => c.leaves)))
}

/**
 * The first family whose facts hold, when the best match has not decided between its members. Members
 * the payload rules out (`ruledOut`: their rule's `none` holds) are not offered; a family left with one
 * member or none has nothing to decide.
 */
export function familyAnswer(index: FamilyIndex, subject: Subject, matches: readonly Match[], byId: Map<string, Symptom>, ruledOut: (id: string) => boolean): { answer: FamilyAnswer; evidence: Evidence[]; byCondition: boolean } | undefined {
  const best = matches[0]
  if (best && best.confidence >= DECISIVE) return undefined
  for (const { family, when, unless } of index) {
    const hit = testCombos(when, subject)
    if (!hit || testCombos(unless, subject)) continue
    if (best && !family.members.some((m) => m.id === best.id) && best.confidence >= ELSEWHERE) continue
    const members = family.members.filter((m) => !ruledOut(m.id))
    if (members.length < 2) continue
    return {
      evidence: hit.evidence,
      // Named only by what went wrong (its cloud, service and condition), not by its own words or codes.
      byCondition: hit.fallback,
      answer: {
        id: family.id,
        title: family.title,
        description: family.description,
        members: members.map((m) => ({ id: m.id, title: byId.get(m.id)!.title, url: `/errors/${m.id}/`, tell: m.tell })),
      },
    }
  }
  return undefined
}

const PROVIDER_NAME: Record<string, string> = { aws: 'AWS', gcp: 'Google Cloud', azure: 'Azure', openai: 'OpenAI' }
/** Services whose errors are always about keys, identities or the OpenAI API. */
const KEY_SERVICES = new Set(['kms', 'sts', 'keyvault', 'entra', 'openai'])
/**
 * Permissions on keys and on the identities that reach them: KMS and STS actions, Cloud KMS's, impersonating a service
 * account, Key Vault's data actions on keys. Creating a service account or reading a vault's settings is the caller's own
 * administration, not a key's use.
 */
const KEY_PERMISSION = /^(?:kms:|sts:|iam:|cloudkms\.|iam\.serviceAccounts\.(?:getAccessToken|getOpenIdToken|signBlob|signJwt|actAs|implicitDelegation)$|Microsoft\.KeyVault\/(?:vaults|managedHSMs)\/keys\/)/i

/** Key Vault's codes for its other objects: a missing or disabled secret or certificate is the caller's own lookup. */
const OTHER_VAULT_OBJECT = /^(?:Secret|Certificate)[A-Z]/

/** Whether a payload is clearly a key, identity or OpenAI error of a known provider. */
export function isKeyError(f: Facts): boolean {
  if (f.codes.some((c) => OTHER_VAULT_OBJECT.test(c))) return false
  // The permission it names is another's (a role assignment, a bucket): the refusal is about that, not a key.
  if (f.permission && !KEY_PERMISSION.test(f.permission)) return false
  return Boolean(f.provider && ((f.service && KEY_SERVICES.has(f.service)) || f.permission))
}

/**
 * Where to look when no rule matched but the payload is clearly a key, identity or OpenAI error:
 * `closest` (by wording) when there is any, else the symptoms of its codes and of its families.
 */
export function nearestArticles(subject: Subject, index: FamilyIndex, idsOfCode: (code: string) => string[], byId: Map<string, Symptom>, closest: readonly string[]): Nearest | undefined {
  const f: Facts = subject.facts
  if (!isKeyError(f)) return undefined
  const ids = new Set(closest)
  for (const code of f.codes) for (const id of idsOfCode(code)) if (sameCloud(f, byId, id)) ids.add(id)
  // Families of the same provider and service: the payload is most likely one of their members.
  for (const { family, when } of index) {
    const scoped = when.some((c) => c.leaves.every((leaf) => (leaf.field !== 'provider' && leaf.field !== 'service') || testLeaf(leaf, subject)))
    if (scoped) for (const m of family.members) if (sameCloud(f, byId, m.id)) ids.add(m.id)
  }
  const read = [PROVIDER_NAME[f.provider!], f.service, f.operation, f.condition, f.code, f.permission, f.httpStatus && `HTTP ${f.httpStatus}`].filter(Boolean).join(' · ')
  return {
    read,
    articles: [...ids].slice(0, 5).map((id) => ({ id, title: byId.get(id)!.title, url: `/errors/${id}/` })),
    index: `/errors/?provider=${f.provider}`,
  }
}

/** A symptom of the payload's own cloud, or one that any cloud can show. */
export function sameCloud(f: Facts, byId: Map<string, Symptom>, id: string): boolean {
  return [f.provider, 'any'].includes(byId.get(id)?.provider ?? '')
}
