/**
 * Closest by wording: when no rule fires on a payload that is clearly a key, identity or OpenAI
 * error, the symptoms whose articles share its most telling words. Each article's words are
 * weighted once at build time (tf-idf over the catalog), so a word every article uses counts for
 * nothing and a word only one article uses ("purge", "audience", "empty address list") counts most.
 */

/** Words that say nothing about which symptom it is (the catalog's own subject included). */
const STOP = new Set(
  ('the and for with that this from are was not but you your its can has have will when which into any all one our their they ' +
    'them than then there what where who how does did use used using also only more most other such each may must should could ' +
    'would been being were about after before over under between out off per via key keys error errors openai ekm see step steps ' +
    'https http www com html json text code').split(' '),
)

/** Terms kept per symptom: enough for its telling words, small enough for the bundle. */
const TERMS_PER_SYMPTOM = 60

/** Lower-case words of three letters or more, camelCase split, with the pairs they form within a line. */
export function termsOf(text: string): string[] {
  const out: string[] = []
  for (const line of text.split('\n')) {
    const spaced = line.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').toLowerCase()
    const words = (spaced.match(/[a-z][a-z0-9]{2,}/g) ?? []).filter((w) => !STOP.has(w) && !/\d{3}/.test(w))
    out.push(...words, ...words.slice(1).map((w, i) => `${words[i]} ${w}`))
  }
  return out
}

/** Each symptom's telling terms and their weights (tf-idf, unit length), from its article text. */
export function weighTerms(texts: Map<string, string>): Map<string, Record<string, number>> {
  const counts = new Map<string, Map<string, number>>()
  const df = new Map<string, number>()
  for (const [id, text] of texts) {
    const tf = new Map<string, number>()
    for (const t of termsOf(text)) tf.set(t, (tf.get(t) ?? 0) + 1)
    counts.set(id, tf)
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1)
  }
  const n = texts.size
  const out = new Map<string, Record<string, number>>()
  for (const [id, tf] of counts) {
    // A query term weighs its idf again, so it is folded in here: score = Σ tf-idf × idf.
    const scored = [...tf].map(([t, c]) => [t, (1 + Math.log(c)) * Math.log(n / df.get(t)!), Math.log(n / df.get(t)!)] as const).filter(([, w]) => w > 0)
    const norm = Math.sqrt(scored.reduce((sum, [, w]) => sum + w * w, 0)) || 1
    const top = scored.map(([t, w, idf]) => [t, (w / norm) * idf] as const).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TERMS_PER_SYMPTOM)
    out.set(id, Object.fromEntries(top.map(([t, w]) => [t, Math.round(w * 1000) / 1000])))
  }
  return out
}

export interface Closest {
  id: string
  score: number
  /** The payload's terms that counted most, for the evidence. */
  shared: string[]
}

/** Below this a symptom shares too little with the payload to be offered at all. */
const MIN_SCORE = 0.5
/** Candidates kept: within this share of the best one. */
const WITHIN = 0.5

/**
 * The symptoms (among `ids`) whose telling terms the text shares most, best first, at most `limit`.
 * The words of the payload's error codes are left out: the rules have already weighed the codes,
 * and "invalid argument" alone says nothing about which invalid argument.
 */
export function closestByWording(terms: ReadonlyMap<string, Record<string, number>>, text: string, ids: Iterable<string>, codes: readonly string[] = [], limit = 3): Closest[] {
  const words = new Set(termsOf(text))
  for (const t of termsOf(codes.join('\n'))) words.delete(t)
  const ranked: Closest[] = []
  for (const id of ids) {
    const weights = terms.get(id)
    if (!weights) continue
    const hits = [...words].filter((w) => weights[w] !== undefined).sort((a, b) => weights[b] - weights[a])
    const score = hits.reduce((sum, w) => sum + weights[w], 0)
    if (score >= MIN_SCORE) ranked.push({ id, score: Math.round(score * 100) / 100, shared: hits.slice(0, 5) })
  }
  ranked.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
  return ranked.filter((c) => c.score >= ranked[0].score * WITHIN).slice(0, limit)
}
