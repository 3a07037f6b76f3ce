// Infrastructure code: the correct setups in content/iac/ pass clean, and every faulty variant in
// test/iac/faulty/ yields exactly its expected symptom ids on the resource that holds the mistake,
// with a fix that parses in the code's own language. .tf files go through the CLI's HCL reader.
import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { describe, expect, it } from 'vitest'
import { readTerraformSource } from '../../src/cli/terraform-source.ts'
import type { Check } from '../../src/engine/index.ts'
import { diagnoser } from '../support/engine.ts'

/** The org id every fixture registers with, as a user passes it with --org. */
const ORG = 'org-AbCdEf0123456789abcdef01'

async function run(path: string) {
  const text = readFileSync(path, 'utf8')
  const parsed = path.endsWith('.tf') ? await readTerraformSource(path, text) : undefined
  return diagnoser.diagnose(text, { org: ORG }, parsed)
}

const fails = (checks: Check[] = []) => checks.filter((c) => c.status === 'fail')

/** A fix is code in the file's language: HCL parses as a block body, YAML as YAML. */
async function expectParsableFix(path: string, fix: string) {
  if (path.endsWith('.tf') || path.endsWith('plan.json') || /faulty\/\d+-\w+-[\w-]+\.json$/.test(path) && !/"Resources"/.test(readFileSync(path, 'utf8'))) {
    const block = /^\s*(?:resource|data) "/m.test(fix) ? fix : `locals {\n${fix}\n}`
    await expect(readTerraformSource('fix.tf', block)).resolves.toBeTypeOf('object')
  } else if (/\.ya?ml$/.test(path)) {
    expect(() => parseYaml(fix, { customTags: ['!Sub', '!Ref', '!GetAtt'].map((tag) => ({ tag, resolve: (v: string) => v })) })).not.toThrow()
  }
}

const CORRECT: [string, string][] = [
  ['aws/main.tf', 'terraform-source'],
  ['aws/template.yaml', 'cloudformation-template'],
  ['aws/template.json', 'cloudformation-template'],
  ['aws/plan.json', 'terraform-plan'],
  ['gcp/main.tf', 'terraform-source'],
  ['gcp/plan.json', 'terraform-plan'],
  ['azure/main.tf', 'terraform-source'],
  ['azure/access-policy.tf', 'terraform-source'],
  ['azure/plan.json', 'terraform-plan'],
]

describe('correct setups', () => {
  it.each(CORRECT)('%s passes clean', async (file, kind) => {
    const d = await run(`content/iac/${file}`)
    expect(d.analysis?.document).toBe(kind)
    expect(d.analysis!.checks.length).toBeGreaterThan(3)
    expect(fails(d.analysis!.checks)).toEqual([])
    expect(d.matches).toEqual([])
  })
})

interface Expected {
  file: string
  ids: string[]
  address?: string
  missing?: boolean
  skip?: string
  deviation?: boolean
}
const EXPECTED = parseYaml(readFileSync('test/iac/faulty/expected.yaml', 'utf8')) as Expected[]

describe('faulty variants', () => {
  it('cover every input kind, at least 25 of them', () => {
    expect(EXPECTED.length).toBeGreaterThanOrEqual(25)
    for (const ext of ['.tf', '.yaml', '.json']) expect(EXPECTED.some((e) => e.file.endsWith(ext))).toBe(true)
  })

  it.each(EXPECTED.map((e) => [e.file, e] as const))('%s', async (file, e) => {
    const path = `test/iac/faulty/${file}`
    const d = await run(path)
    const failed = fails(d.analysis?.checks)
    const ids = [...new Set(failed.map((c) => c.id ?? ""))].sort()
    // A deviation from OpenAI's documented setup that no source says breaks it: a warning is allowed.
    if (e.deviation) expect(ids.every((id) => id === 'aws-assume-role-denied')).toBe(true)
    else expect(ids).toEqual([...e.ids].sort())
    if (e.address && !e.missing && e.ids.length) expect(failed.filter((c) => e.ids.includes(c.id!)).map((c) => c.resource ?? "")).toContain(e.address)
    if (e.skip) expect(d.analysis!.checks.some((c) => c.status === 'skip' && c.detail.includes(e.skip!.split('.').pop()!))).toBe(true)
    for (const c of failed) {
      expect(c.fix).toBeTruthy()
      expect(c.line).toBeGreaterThan(0)
      await expectParsableFix(path, c.fix!)
    }
  })
})
