// Every wrong/corrected document pair an article shows (<Compare>) is checked by the analyzers:
// the wrong document must fail for the article's own symptom, the corrected one must pass.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ERRORS_DIR, symptomIds } from '../support/corpus.ts'
import { diagnoser } from '../support/engine.ts'

/** The example organization the articles' documents use. */
const context = { org: 'org-AbCdEf0123456789abcdef01' }

function pairs(body: string): { what: string; wrong: string; right: string }[] {
  return [...body.matchAll(/<Compare what="([^"]+)">([\s\S]*?)<\/Compare>/g)].map(([, what, inner]) => {
    const slot = (name: string) => /```\w*\n([\s\S]*?)```/.exec(inner.slice(inner.indexOf(`slot="${name}"`)))?.[1] ?? ''
    return { what, wrong: slot('wrong'), right: slot('right') }
  })
}

const cases = symptomIds().flatMap((id) => pairs(readFileSync(join(ERRORS_DIR, id, 'index.mdx'), 'utf8')).map((p) => [id, p.what, p] as const))

describe('wrong and corrected documents in the articles', () => {
  it('exist on the articles whose fix changes a document', () => {
    expect(new Set(cases.map(([id]) => id))).toEqual(new Set(['aws-assume-role-denied', 'aws-kms-access-denied-identity-policy', 'aws-kms-access-denied-key-policy', 'gcp-sts-attribute-condition-rejected', 'azure-keyvault-forbidden-rbac']))
  })

  it.each(cases)('%s: %s', (id, _what, { wrong, right }) => {
    const bad = diagnoser.diagnose(wrong, context)
    expect(bad.analysis?.checks.filter((c) => c.status === 'fail').map((c) => c.id), 'the wrong document fails for this symptom').toContain(id)
    const good = diagnoser.diagnose(right, context)
    expect(good.analysis?.document, 'the corrected document is read as the same kind').toBe(bad.analysis?.document)
    expect(good.analysis?.checks.filter((c) => c.status !== 'pass'), 'the corrected document passes every check').toEqual([])
  })
})
