// Terraform source is told apart from everything else a user pastes: every .tf file of the
// correct setups and faulty variants is source; no real error payload (Terraform's own error
// output, which quotes source lines, included) and no plan or template is.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isTerraformSource, joinTerraformFiles, splitTerraformFiles } from '../../src/engine/index.ts'

const files = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => `${d.parentPath}/${d.name}`)
const read = (f: string) => readFileSync(f, 'utf8')
const INFRA = [...files('content/iac'), ...files('test/iac/faulty')].filter((f) => /\.(?:tf|json|ya?ml)$/.test(f))

describe('Terraform source', () => {
  it('is every .tf file, and no plan, template or .tf.json', () => {
    const tf = INFRA.filter((f) => f.endsWith('.tf'))
    expect(tf.length).toBeGreaterThan(20)
    expect(tf.filter((f) => !isTerraformSource(read(f)))).toEqual([])
    expect(INFRA.filter((f) => !f.endsWith('.tf') && isTerraformSource(read(f)))).toEqual([])
  })

  it('is no error payload of the fixtures or the corpus', () => {
    const payloads = [...files('content/errors').filter((f) => f.includes('/fixtures/')), ...files('test/corpus')]
    expect(payloads.some((f) => read(f).includes('│   on main.tf line'))).toBe(true)
    expect(payloads.filter((f) => isTerraformSource(read(f)))).toEqual([])
  })

  it('reads a heredoc policy at the margin as part of its attribute', () => {
    expect(isTerraformSource('resource "aws_iam_role" "r" {\n  assume_role_policy = <<EOF\n{\n  "Version": "2012-10-17"\n}\nEOF\n}\n')).toBe(true)
    expect(isTerraformSource('Error: resource "aws_iam_role" "r" {\n')).toBe(false)
  })
})

describe('several files in one text', () => {
  const kms = 'resource "aws_kms_key" "k" {\n  is_enabled = true\n}\n'
  const iam = '# the role\nresource "aws_iam_role" "r" {\n  name = "x"\n}\n'

  it('reads back the files it joined, each with its own lines', () => {
    const joined = joinTerraformFiles([{ file: 'kms.tf', text: kms }, { file: 'iam.tf', text: iam }])
    expect(isTerraformSource(joined)).toBe(true)
    expect(splitTerraformFiles(joined)).toEqual([{ file: 'kms.tf', text: kms }, { file: 'iam.tf', text: iam }])
  })

  it('reads the headers tail prints for several files', () => {
    // `tail -n +1 kms.tf iam.tf`, a file without a final newline included.
    const printed = `==> kms.tf <==\n${kms}\n==> iam.tf <==\n${iam.trimEnd()}`
    expect(splitTerraformFiles(printed)).toEqual([{ file: 'kms.tf', text: kms }, { file: 'iam.tf', text: iam.trimEnd() }])
  })

  it('leaves a text without headers as it came, leading empty lines and all', () => {
    expect(splitTerraformFiles(`\n\n${kms}`)).toEqual([{ text: `\n\n${kms}` }])
  })
})
