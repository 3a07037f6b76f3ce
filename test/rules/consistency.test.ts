// The consistency gate (ESLint's checkRuleFiles, Rust's error-code tidy check): one id, one
// folder, one article with the fixed template, one rule, real fixtures with their sources.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { causesOf, frontmatter, loadCodeMeanings, toSymptom } from '../../scripts/symptoms.mjs'
import { readSources, symptomFixtures, symptomIds, ERRORS_DIR } from '../support/corpus.ts'
import { CODE_MEANINGS, SYMPTOMS } from '../support/engine.ts'
import { PROBLEMS } from '../../functions/problems.ts'
import { CATALOG_IDS, PENDING_IDS } from './catalog.ts'

const TEMPLATE = ['What you see', 'Why it happens', 'How to fix', 'Verify the fix', 'Related symptoms', 'Further reading']
const ids = symptomIds()

describe('catalog', () => {
  it('every catalog id that is not pending has a symptom folder', () => {
    expect(CATALOG_IDS.filter((id) => !PENDING_IDS.includes(id) && !ids.includes(id))).toEqual([])
  })
  it('no pending id already has a folder (take it off the pending list)', () => {
    expect(PENDING_IDS.filter((id) => ids.includes(id))).toEqual([])
  })
  it('every pending id is a catalog id', () => {
    expect(PENDING_IDS.filter((id) => !(CATALOG_IDS as readonly string[]).includes(id))).toEqual([])
  })
  it('the generated registry is current (npm run registry)', () => {
    expect(SYMPTOMS.map((s) => s.id)).toEqual(ids)
  })
})

describe('shared codes (content/codes.yaml)', () => {
  it('declares every code that several articles list, with exactly those articles, most likely first', () => {
    expect(loadCodeMeanings(SYMPTOMS)).toEqual(CODE_MEANINGS)
    for (const [code, meanings] of Object.entries(CODE_MEANINGS)) {
      const listing = SYMPTOMS.filter((s) => s.codes.some((c) => c.toLowerCase() === code.toLowerCase())).map((s) => s.id)
      expect(meanings.map((m) => m.id).sort(), code).toEqual(listing.sort())
    }
  })
  it('refuses a code two articles share that is not declared, and a declaration that names another set', () => {
    const twice = [...SYMPTOMS, { ...SYMPTOMS[0], id: 'a-copy', codes: ['SomethingShared'] }, { ...SYMPTOMS[1], id: 'another', codes: ['SomethingShared'] }]
    expect(() => loadCodeMeanings(twice)).toThrow(/SomethingShared/i)
    expect(() => loadCodeMeanings(SYMPTOMS.map((s) => (s.id === 'aws-kms-custom-key-store' ? { ...s, codes: s.codes.filter((c) => c !== 'KMSInvalidStateException') } : s)))).toThrow(/KMSInvalidStateException: its meanings must be exactly/)
  })
})

describe('API documentation', () => {
  it('documents every problem type where its type URI points', () => {
    const guide = readFileSync('dist/guides/api/index.html', 'utf8')
    for (const type of Object.keys(PROBLEMS)) expect(guide, type).toContain(`id="${type}"`)
  })
})

describe.each(ids)('%s', (id) => {
  const file = join(ERRORS_DIR, id, 'index.mdx')
  const source = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const { data, body } = frontmatter(source, file)

  it('is a catalog id or a declared addition', () => {
    expect(CATALOG_IDS as readonly string[]).toContain(id)
  })

  it('has valid frontmatter and a rule', () => {
    expect(() => toSymptom(id, data)).not.toThrow()
    expect(data.rule.all?.length || data.rule.any?.length).toBeTruthy()
  })

  it('follows the article template', () => {
    const h2 = [...body.matchAll(/^## (.+)$/gm)].map((m) => m[1].trim())
    expect(h2).toEqual(TEMPLATE)
    expect(causesOf(body).length, 'one "###" heading per cause under "How to fix"').toBeGreaterThan(0)
    for (const cause of causesOf(body)) expect(cause.anchor, cause.title).toMatch(/^\S+$/)
    const seen = /^## What you see\s*$([\s\S]*?)^## /m.exec(body)?.[1] ?? ''
    expect(seen, 'verbatim messages in code blocks under "What you see"').toMatch(/```/)
    expect(body, 'related symptoms rendered from the frontmatter').toMatch(/## Related symptoms\s+<RelatedSymptoms \/>/)
    const reading = body.slice(body.indexOf('## Further reading'))
    expect(reading, 'primary sources linked under "Further reading"').toMatch(/\]\(https:\/\//)
  })

  it('lists search words, not matching fragments, and keeps third-party guide terms apart', () => {
    const symptom = SYMPTOMS.find((s) => s.id === id)!
    const fragments = symptom.aliases.filter((a) => /[.]$|^linkid=/.test(a) || (a.split(' ').length <= 3 && /^(?:is|does|in field) /.test(a)))
    expect(fragments, 'an alias is what a user searches for; a message fragment belongs in the rule').toEqual([])
    const guideWords = /InvalidKey|KeyDisabled|KeyVersionMismatch|RequestTimeout|ekm_key_id|ekm-beta/
    expect(symptom.aliases.filter((a) => guideWords.test(a) && !/Unrecognized request argument|Unknown parameter/.test(a)), 'third-party guide terms go under guideTerms').toEqual([])
  })

  it('fences only valid JSON as json, and links every symptom it names', () => {
    for (const [, , block] of body.matchAll(/^( *)```json[^\n]*\n([\s\S]*?)^\1```/gm)) {
      expect(() => JSON.parse(block), `a \`\`\`json block that is not JSON (fence it as text):\n${block.slice(0, 120)}`).not.toThrow()
    }
    const prose = body.replace(/^```[\s\S]*?^```/gm, '')
    const bare = [...prose.matchAll(/(?<!\[)`([a-z0-9-]+)`(?!\]\()/g)].map((m) => m[1]).filter((word) => ids.includes(word))
    expect(bare, 'symptom ids in the text link to their articles').toEqual([])
  })

  it('deep links to each cause land on a heading of the built article', () => {
    const html = readFileSync(`dist/errors/${id}/index.html`, 'utf8')
    for (const cause of causesOf(body)) expect(html, cause.anchor).toContain(`id="${cause.anchor}"`)
  })

  it('links only to symptoms that exist or are pending', () => {
    for (const rel of data.related ?? []) {
      expect(ids.includes(rel) || PENDING_IDS.includes(rel), `related "${rel}"`).toBe(true)
      expect(rel).not.toBe(id)
    }
  })

  it('has real fixtures, each with its source', () => {
    const fixtures = symptomFixtures(id)
    const sources = readSources(join(ERRORS_DIR, id, 'fixtures'))
    expect(fixtures.filter((f) => f.kind === 'match').length, 'match fixtures').toBeGreaterThanOrEqual(2)
    expect(fixtures.filter((f) => f.kind === 'nomatch').length, 'nomatch fixtures').toBeGreaterThanOrEqual(1)
    for (const f of fixtures) {
      const s = sources[f.name]
      expect(s, `${f.name} has an entry in fixtures/sources.yaml`).toBeDefined()
      expect(s.source, `${f.name} source`).toMatch(/^https:\/\//)
      expect(typeof s.tool, `${f.name} tool`).toBe('string')
      expect(f.text.trim().length, `${f.name} is not empty`).toBeGreaterThan(0)
    }
    for (const name of Object.keys(sources)) {
      expect(fixtures.some((f) => f.name === name), `sources.yaml names ${name}, which does not exist`).toBe(true)
    }
  })
})
