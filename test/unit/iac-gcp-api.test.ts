// The Cloud KMS API check on Google Cloud Terraform: the projects OpenAI's calls count against
// (the key's, and the workload identity pool's when it is another) must have
// cloudkms.googleapis.com where the code manages APIs; code that manages none is a skip.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readTerraformSource } from '../../src/cli/terraform-source.ts'
import { diagnoser } from '../support/engine.ts'

const MAIN = readFileSync('content/iac/gcp/main.tf', 'utf8')
const service = (name: string) => new RegExp(`resource "google_project_service" "${name}" \\{[\\s\\S]*?\\n\\}\\n`)

async function apiChecks(text: string) {
  const d = diagnoser.diagnose(text, { org: 'org-AbCdEf0123456789abcdef01' }, await readTerraformSource('main.tf', text))
  return d.analysis!.checks.filter((c) => c.name.startsWith('Cloud KMS API'))
}

describe('Cloud KMS API in the projects OpenAI calls', () => {
  it('passes on the google_project_service of each project', async () => {
    expect((await apiChecks(MAIN)).map((c) => [c.status, c.resource])).toEqual([
      ['pass', 'google_project_service.cloudkms_kms'],
      ['pass', 'google_project_service.cloudkms_wif'],
    ])
  })

  it("fails on the key ring when the key's project lacks it, with the block that enables it", async () => {
    const [kms] = await apiChecks(MAIN.replace(service('cloudkms_kms'), '').replace('  depends_on = [google_project_service.cloudkms_kms]\n', ''))
    expect(kms).toMatchObject({ status: 'fail', id: 'gcp-kms-api-disabled', resource: 'google_kms_key_ring.openai' })
    expect(kms.fix).toContain('resource "google_project_service" "cloudkms_kms" {\n  project            = "my-kms-project"\n  service            = "cloudkms.googleapis.com"')
  })

  it('is a skip when the code enables no API at all: the API may be enabled outside it', async () => {
    const checks = await apiChecks(MAIN.replace(service('cloudkms_kms'), '').replace(service('cloudkms_wif'), '').replace('  depends_on = [google_project_service.cloudkms_kms]\n', ''))
    expect(checks).toHaveLength(1)
    expect(checks[0]).toMatchObject({ status: 'skip', resource: 'google_kms_key_ring.openai' })
    expect(checks[0].detail).toContain('my-kms-project and my-wif-project')
  })

  it('asks once when the key and the pool share a project', async () => {
    const checks = await apiChecks(MAIN.replaceAll('my-wif-project', 'my-kms-project').replace(service('cloudkms_wif'), ''))
    expect(checks.map((c) => [c.status, c.name])).toEqual([['pass', "Cloud KMS API is enabled in the key's project (also the workload identity project)"]])
  })

  it('follows a project named through data "google_project" to its project_id', async () => {
    const byData = MAIN.replace(/(resource "google_iam_workload_identity_pool" "openai" \{\n\s+project\s+=) "my-wif-project"/, '$1 data.google_project.wif.project_id')
    expect(byData).not.toBe(MAIN)
    expect((await apiChecks(byData)).map((c) => c.status)).toEqual(['pass', 'pass'])
    expect((await apiChecks(byData.replace(service('cloudkms_wif'), ''))).map((c) => [c.status, c.resource])).toEqual([
      ['pass', 'google_project_service.cloudkms_kms'],
      ['fail', 'google_iam_workload_identity_pool.openai'],
    ])
  })

  it('is a skip, not a failure, when a project is a variable the services do not name the same way', async () => {
    const byVariable = MAIN.replace(/(resource "google_iam_workload_identity_pool" "openai" \{\n\s+project\s+=) "my-wif-project"/, '$1 var.wif_project')
    const [, wif] = await apiChecks(byVariable)
    expect(wif).toMatchObject({ status: 'skip', resource: 'google_iam_workload_identity_pool.openai' })
    expect(wif.detail).toContain('${var.wif_project}')
  })
})
