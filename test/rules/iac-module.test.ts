// A Terraform module laid out in several files is checked as the one configuration Terraform
// loads: the correct setups cut into two or three files pass clean, and a faulty variant cut the
// same way is reported on the resource that holds the mistake, in the file and on the line where
// that resource now is. Locals declared in one file fill in the values of another.
import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { describe, expect, it } from 'vitest'
import { readTerraformSource } from '../../src/cli/terraform-source.ts'
import { diagnoser } from '../support/engine.ts'
import { splitTerraform } from '../support/split-terraform.ts'

const ORG = 'org-AbCdEf0123456789abcdef01'

/** How each cloud's setup is laid out: the file each top-level block goes to. */
const LAYOUT: Record<string, (header: string) => string> = {
  aws: (h) => (/^(?:terraform|provider)\b/.test(h) ? 'main.tf' : /aws_iam_|"role_arn"/.test(h) ? 'iam.tf' : 'kms.tf'),
  gcp: (h) => (/workload_identity|google_project"|project_number/.test(h) ? 'wif.tf' : /^(?:terraform|provider)\b|google_project_service/.test(h) ? 'main.tf' : 'kms.tf'),
  azure: (h) => (/role_(?:definition|assignment)|azuread_/.test(h) ? 'access.tf' : 'main.tf'),
}

async function diagnoseModule(files: Record<string, string>) {
  const module = await Promise.all(Object.entries(files).map(async ([file, text]) => ({ file: `infra/${file}`, text, value: await readTerraformSource(file, text) })))
  return diagnoser.diagnoseModule(module, { org: ORG })
}

const fails = (d: Awaited<ReturnType<typeof diagnoseModule>>) => d.analysis!.checks.filter((c) => c.status === 'fail')

describe('a setup in several files', () => {
  it.each(Object.keys(LAYOUT))('%s: the correct setup cut into files passes clean, every resource placed in its file', async (cloud) => {
    const { files, where } = splitTerraform(readFileSync(`content/iac/${cloud}/main.tf`, 'utf8'), LAYOUT[cloud])
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(2)
    const d = await diagnoseModule(files)
    expect(d.analysis!.document).toBe('terraform-source')
    expect(d.analysis!.title).toMatch(/^Terraform module infra\/ \(/)
    expect(fails(d)).toEqual([])
    expect(d.matches).toEqual([])
    // Configuration is not an error: its comments and sts:AssumeRole are not read as a failure or a call.
    expect(d.facts).toEqual({ provider: cloud, codes: [], resources: d.facts.resources })
    const placed = d.analysis!.checks.filter((c) => c.resource)
    expect(new Set(placed.map((c) => c.file)).size).toBeGreaterThanOrEqual(2)
    for (const c of placed) expect({ resource: c.resource, file: c.file, line: c.line }).toEqual({ resource: c.resource, file: `infra/${where[c.resource!].file}`, line: where[c.resource!].line })
  })

  const EXPECTED = parseYaml(readFileSync('test/iac/faulty/expected.yaml', 'utf8')) as { file: string; ids: string[]; address: string }[]
  it.each([
    ['04-aws-key-policy-openai-principal.tf', 'aws'],
    ['36-azure-role-lacks-decrypt.tf', 'azure'],
    ['25-gcp-mapping-wrong.tf', 'gcp'],
  ])('%s cut into files: its finding names the resource, file and line', async (variant, cloud) => {
    const expected = EXPECTED.find((e) => e.file === variant)!
    const { files, where } = splitTerraform(readFileSync(`test/iac/faulty/${variant}`, 'utf8'), LAYOUT[cloud])
    const d = await diagnoseModule(files)
    expect([...new Set(fails(d).map((c) => c.id))].sort()).toEqual([...expected.ids].sort())
    const finding = fails(d).find((c) => c.resource === expected.address)!
    expect(finding).toMatchObject({ file: `infra/${where[expected.address].file}`, line: where[expected.address].line })
    expect(d.matches[0].evidence[0].text).toContain(`${expected.address} (infra/${where[expected.address].file}:${where[expected.address].line})`)
  })

  it("reads a key policy in kms.tf against the role declared in iam.tf, which kms.tf alone cannot", async () => {
    const { files } = splitTerraform(readFileSync('content/iac/aws/main.tf', 'utf8'), LAYOUT.aws)
    const alone = diagnoser.diagnose(files['kms.tf'], { org: ORG }, await readTerraformSource('kms.tf', files['kms.tf']))
    const lets = (checks: { name: string; detail: string }[]) => checks.find((c) => c.name.startsWith('Lets the role use the key'))!.detail
    // On its own the file has no role to look for, so another statement's principal stands in.
    expect(lets(alone.analysis!.checks)).toContain('KeyAdministrator')
    expect(lets((await diagnoseModule(files)).analysis!.checks)).toMatch(/openai-ekm|aws_iam_role\.openai/)
  })
})

describe('locals', () => {
  /** The AWS setup with the org id taken from a local declared in its own file. */
  function withOrgLocal(org: string) {
    const { files } = splitTerraform(readFileSync('content/iac/aws/main.tf', 'utf8'), LAYOUT.aws)
    expect(files['iam.tf']).toContain(`["${ORG}"]`)
    return { ...files, 'iam.tf': files['iam.tf'].replace(`["${ORG}"]`, '[local.openai_org_id]'), 'locals.tf': `locals {\n  openai_org_id = "${org}"\n}\n` }
  }

  it('a local declared in locals.tf is read where iam.tf uses it', async () => {
    const d = await diagnoseModule(withOrgLocal(ORG))
    expect(fails(d)).toEqual([])
    expect(d.analysis!.checks.find((c) => c.name.includes('sts:ExternalId'))).toMatchObject({ status: 'pass', resource: 'aws_iam_role.openai', file: 'infra/iam.tf' })
  })

  it('a wrong org id in locals.tf fails on the role that uses it', async () => {
    const d = await diagnoseModule(withOrgLocal('org-SomeOtherOrg000000000001'))
    expect(fails(d).map((c) => [c.id, c.resource, c.file])).toEqual([['aws-assume-role-denied', 'aws_iam_role.openai', 'infra/iam.tf']])
  })
})
