// Reads every symptom folder under content/errors/ (the one source of truth per symptom).
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import GithubSlugger from 'github-slugger'
import { parse } from 'yaml'
import { PROVIDERS as PROVIDER_LIST, STAGES as STAGE_LIST } from '../src/site/taxonomy.ts'
import { weighTerms } from '../src/engine/wording.ts'

export const ERRORS_DIR = 'content/errors'
const PROVIDERS = PROVIDER_LIST.map((p) => p.id)
const STAGES = STAGE_LIST.map((s) => s.id)

export function frontmatter(source, file) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source)
  if (!m) throw new Error(`${file}: no frontmatter`)
  return { data: parse(m[1]) ?? {}, body: source.slice(m[0].length) }
}

export function symptomDirs(root = ERRORS_DIR) {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .map((d) => d.name)
    .sort()
}

function fail(id, msg) {
  throw new Error(`content/errors/${id}/index.mdx: ${msg}`)
}

function strings(id, value, key, { required = false } = {}) {
  if (value === undefined && !required) return []
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !v.trim())) fail(id, `"${key}" must be a list of strings`)
  if (required && value.length === 0) fail(id, `"${key}" must not be empty`)
  return value
}

/** Validates one article's frontmatter into a Symptom (see src/engine/types.ts). */
export function toSymptom(id, data) {
  for (const key of ['title', 'description', 'cause']) if (typeof data[key] !== 'string' || !data[key].trim()) fail(id, `"${key}" is required`)
  if (data.description.length > 160) fail(id, `"description" is ${data.description.length} characters (at most 160)`)
  if (!PROVIDERS.includes(data.provider)) fail(id, `"provider" must be one of ${PROVIDERS.join(', ')}`)
  if (!STAGES.includes(data.stage)) fail(id, `"stage" must be one of ${STAGES.join(', ')}`)
  if (typeof data.rule !== 'object' || data.rule === null) fail(id, '"rule" is required')
  return {
    id,
    title: data.title.trim(),
    description: data.description.trim(),
    provider: data.provider,
    stage: data.stage,
    codes: strings(id, data.codes, 'codes'),
    aliases: strings(id, data.aliases, 'aliases'),
    guideTerms: strings(id, data.guideTerms, 'guideTerms'),
    related: strings(id, data.related, 'related'),
    cause: data.cause.trim(),
    fix: strings(id, data.fix, 'fix', { required: true }),
    rule: data.rule,
  }
}

/**
 * The H3 headings under "## How to fix": one per cause, most likely first, each with the anchor
 * the site gives it (the same slugger, run over the article's headings in order).
 */
export function causesOf(body) {
  const slugger = new GithubSlugger()
  const anchors = new Map()
  for (const m of body.matchAll(/^#{2,6} (.+)$/gm)) anchors.set(m.index, slugger.slug(plain(m[1])))
  const section = /^## How to fix\s*$([\s\S]*?)(?=^## )/m.exec(body)
  if (!section) return []
  const offset = section.index + section[0].indexOf(section[1])
  return [...section[1].matchAll(/^### (.+)$/gm)].map((m) => ({ title: plain(m[1]), anchor: anchors.get(offset + m.index) }))
}

/** Heading text as rendered: inline code and bold/italic asterisks removed. */
function plain(heading) {
  return heading.trim().replace(/[`*]/g, '')
}

/** What an article says in words: its summary fields and body, without imports, markup, links and reading list. */
function articleWords(symptom, body) {
  const prose = body
    .replace(/^## (?:Related symptoms|Further reading)\s*$[\s\S]*?(?=^## |(?![\s\S]))/gm, '')
    .replace(/^import .*$/gm, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\]\([^)]*\)|https?:\/\/\S+/g, ' ')
  return [symptom.title, symptom.description, symptom.cause, ...symptom.fix, ...symptom.aliases, ...symptom.guideTerms, ...symptom.codes, prose].join('\n')
}

export function loadSymptoms(root = ERRORS_DIR) {
  const symptoms = symptomDirs(root).map((id) => {
    const file = join(root, id, 'index.mdx')
    if (!existsSync(file)) throw new Error(`${join(root, id)}: missing index.mdx`)
    const { data, body } = frontmatter(readFileSync(file, 'utf8'), file)
    const symptom = toSymptom(id, data)
    return { ...symptom, causes: causesOf(body), words: articleWords(symptom, body) }
  })
  const terms = weighTerms(new Map(symptoms.map((s) => [s.id, s.words])))
  return symptoms.map(({ words: _w, ...s }) => ({ ...s, terms: terms.get(s.id) }))
}

export const FAMILIES_DIR = 'content/families'

/** Reads content/families/<id>.yaml: families of symptoms a payload can name without deciding. */
export function loadFamilies(root = FAMILIES_DIR, ids = new Set(symptomDirs())) {
  if (!existsSync(root)) return []
  return readdirSync(root)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const id = file.replace(/\.yaml$/, '')
      const data = parse(readFileSync(join(root, file), 'utf8')) ?? {}
      const where = `${root}/${file}`
      for (const key of ['title', 'description']) if (typeof data[key] !== 'string' || !data[key].trim()) throw new Error(`${where}: "${key}" is required`)
      if (!Array.isArray(data.when) || data.when.length === 0) throw new Error(`${where}: "when" needs at least one fact combination`)
      if (!Array.isArray(data.members) || data.members.length < 2) throw new Error(`${where}: "members" needs at least two symptoms, most common first`)
      for (const m of data.members) {
        if (!ids.has(m?.id)) throw new Error(`${where}: member "${m?.id}" is not a symptom`)
        if (typeof m.tell !== 'string' || !m.tell.trim()) throw new Error(`${where}: member "${m.id}" needs "tell", the step that tells it apart`)
      }
      if (data.unless !== undefined && !Array.isArray(data.unless)) throw new Error(`${where}: "unless" must be a list of fact combinations`)
      return { id, title: data.title.trim(), description: data.description.trim(), when: data.when, ...(data.unless && { unless: data.unless }), members: data.members.map((m) => ({ id: m.id, tell: m.tell.trim() })) }
    })
}

export const CODES_FILE = 'content/codes.yaml'

/**
 * Reads content/codes.yaml: each error code that several symptoms share, its meanings most likely
 * first. Every such code must be declared, with exactly the symptoms that list it.
 */
export function loadCodeMeanings(symptoms, file = CODES_FILE) {
  const data = existsSync(file) ? parse(readFileSync(file, 'utf8')) ?? {} : {}
  const listing = new Map()
  for (const s of symptoms) for (const code of s.codes) {
    const key = code.toLowerCase()
    listing.set(key, [...(listing.get(key) ?? []), s.id])
  }
  const declared = new Map(Object.keys(data).map((code) => [code.toLowerCase(), code]))
  for (const [key, ids] of listing) {
    if (ids.length > 1 && !declared.has(key)) throw new Error(`${file}: the code ${key} is listed by ${ids.join(', ')}; declare its meanings, most likely first`)
  }
  const meanings = {}
  for (const [code, list] of Object.entries(data)) {
    const where = `${file}: ${code}`
    if (!Array.isArray(list) || list.length < 2) throw new Error(`${where}: needs at least two meanings, most likely first`)
    const expected = listing.get(code.toLowerCase()) ?? []
    const ids = list.map((m) => m?.id)
    for (const m of list) if (typeof m?.tell !== 'string' || !m.tell.trim()) throw new Error(`${where}: meaning "${m?.id}" needs "tell", what tells it apart`)
    if (ids.length !== expected.length || !ids.every((id) => expected.includes(id))) {
      throw new Error(`${where}: its meanings must be exactly the symptoms that list it (${expected.join(', ') || 'none'}), not ${ids.join(', ')}`)
    }
    meanings[code] = list.map((m) => ({ id: m.id, tell: m.tell.trim() }))
  }
  return meanings
}
