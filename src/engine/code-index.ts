/**
 * The exact-code index: every id, error code and alias → the symptom ids it names. Search
 * cannot do exact codes (Pagefind matches prefixes), so the site, the CLI's `explain` and the
 * API all look codes up here first.
 */
import type { CodeMeanings, Symptom } from './types.ts'

export type CodeIndex = Record<string, string[]>

/** "`DisabledException`", " disabledexception " → "disabledexception" */
export function normalizeCode(raw: string): string {
  return raw.trim().replace(/^[`'"]+|[`'"]+$/g, '').replace(/\s+/g, ' ').toLowerCase()
}

/** How strongly a key names a symptom: its id or title code first, its other codes, then aliases. */
function rank(s: Symptom, key: string): number {
  if (key === s.id || key === normalizeCode(s.codes[0] ?? '')) return 0
  return s.codes.some((c) => normalizeCode(c) === key) ? 1 : 2
}

/**
 * Each key lists its symptoms strongest first. A code that several symptoms share lists them in
 * the order the catalog declares (content/codes.yaml), most likely meaning first.
 */
export function buildCodeIndex(symptoms: readonly Symptom[], meanings: CodeMeanings = {}): CodeIndex {
  const declared = new Map(Object.entries(meanings).map(([code, list]) => [normalizeCode(code), list.map((m) => m.id)]))
  // Declared meanings first, in their order; everything else after, strongest first.
  const position = (key: string, id: string) => {
    const at = declared.get(key)?.indexOf(id) ?? -1
    return at < 0 ? Number.MAX_SAFE_INTEGER : at
  }
  const entries = new Map<string, { id: string; rank: number }[]>()
  for (const s of symptoms) {
    for (const raw of [s.id, ...s.codes, ...s.aliases, ...s.guideTerms]) {
      const key = normalizeCode(raw)
      const list = entries.get(key) ?? []
      if (key && !list.some((e) => e.id === s.id)) entries.set(key, [...list, { id: s.id, rank: rank(s, key) }])
    }
  }
  return Object.fromEntries([...entries].map(([key, list]) => [key, list.sort((a, b) => position(key, a.id) - position(key, b.id) || a.rank - b.rank).map((e) => e.id)]))
}

/** True when the key is the symptom's own id or title code: explain it directly, list the rest. */
export function isPrimaryFor(s: Symptom, query: string): boolean {
  return rank(s, normalizeCode(query)) === 0
}

/** Ids for the whole query, else for the first token of it that is a known code. */
export function findInIndex(index: CodeIndex, query: string): string[] {
  const whole = index[normalizeCode(query)]
  if (whole) return whole
  for (const token of query.split(/[^\w:.-]+/)) {
    const ids = token.length >= 5 ? index[normalizeCode(token)] : undefined
    if (ids) return ids
  }
  return []
}

/** The symptoms whose id or listed codes are this key (not their aliases), in the index's order. */
export function idsOfCode(index: CodeIndex, symptoms: readonly Symptom[], code: string): string[] {
  const key = normalizeCode(code)
  return (index[key] ?? []).filter((id) => symptoms.some((s) => s.id === id && (s.id === key || s.codes.some((c) => normalizeCode(c) === key))))
}

/** What tells each meaning of a shared code apart: normalized code → symptom id → tell. */
export function tellsByCode(meanings: CodeMeanings): Map<string, Map<string, string>> {
  return new Map(Object.entries(meanings).map(([code, list]) => [normalizeCode(code), new Map(list.map((m) => [m.id, m.tell]))]))
}

/**
 * A payload that is one known error code (or symptom id) and nothing else: the code as typed and
 * its symptoms, most likely first. Aliases do not count: a bare "Access denied" is not ours.
 */
export function bareCode(index: CodeIndex, symptoms: readonly Symptom[], payload: string): { code: string; ids: string[] } | undefined {
  const code = payload.trim().replace(/^[`'"]+|[`'"]+$/g, '')
  if (!/^[\w:.-]{3,80}$/.test(code)) return undefined
  const ids = idsOfCode(index, symptoms, code)
  return ids.length ? { code, ids } : undefined
}
