/**
 * The Cloud KMS API in the projects OpenAI's calls count against: OpenAI asks for
 * cloudkms.googleapis.com in the key's project and, when the workload identity pool lives in
 * another project, in the pool's project too (ekm-facts.md §2.2 'API enablement'). Code that
 * enables APIs with google_project_service is followed; code that enables none leaves it to
 * whoever set up the projects, so that is a skip, not a failure.
 */
import { fail, pass, skip } from '../analyze/checks.ts'
import type { Check } from '../analyze/types.ts'
import { note, setting } from './render.ts'
import { isReference, ofType, onResource, type IacResource, type IacSet } from './resource.ts'

const API = 'cloudkms.googleapis.com'
/** A resource with no project argument is in the provider's project, which the code may not say. */
const PROVIDER_PROJECT = "the provider's project"

/** The project a resource is in, as written: a literal id, a reference, or the provider's. */
function projectOf(set: IacSet, r: IacResource): { id: string; known: boolean } | undefined {
  if (r.unknown.has('project')) return undefined
  const v = r.values.project
  if (v === undefined || v === null) return { id: PROVIDER_PROJECT, known: false }
  if (typeof v !== 'string') return undefined
  if (!isReference(v)) return { id: v, known: true }
  // A project named through a google_project (data source or resource) is its project_id.
  const project = set.resources.find((p) => /^(?:data\.)?google_project$/.test(p.type) && v === `\${${p.address}.project_id}`)
  const id = project?.values.project_id
  return typeof id === 'string' && !isReference(id) ? { id, known: true } : { id: v, known: false }
}

/** The key ring the key is in: the one its key_ring names, else the only one in the code. */
function keyRingOf(set: IacSet): IacResource | undefined {
  const rings = ofType(set, 'google_kms_key_ring', 'data.google_kms_key_ring')
  const named = ofType(set, 'google_kms_crypto_key').map((k) => k.values.key_ring)
  return rings.find((r) => named.some((n) => typeof n === 'string' && n.includes(`${r.address}.`))) ?? (rings.length === 1 ? rings[0] : undefined)
}

interface Need {
  /** Whose project it is, as the check names it (as `ekm-doctor check gcp` does). */
  whose: string
  /** Where the finding goes: the resource that needs the API. */
  at: IacResource
  project: { id: string; known: boolean } | undefined
  /** The name the corrected snippet gives its google_project_service. */
  name: string
}

function needs(set: IacSet): Need[] {
  const ring = keyRingOf(set)
  const pool = ofType(set, 'google_iam_workload_identity_pool')[0] ?? ofType(set, 'google_iam_workload_identity_pool_provider')[0]
  const out: Need[] = []
  if (ring) out.push({ whose: "the key's project", at: ring, project: projectOf(set, ring), name: 'cloudkms_kms' })
  if (pool) {
    const project = projectOf(set, pool)
    const same = out[0]?.project && project && out[0].project.id === project.id
    if (same) out[0].whose = "the key's project (also the workload identity project)"
    else out.push({ whose: 'the workload identity project', at: pool, project, name: 'cloudkms_wif' })
  }
  return out
}

const CHECK = (whose: string) => `Cloud KMS API is enabled in ${whose}`
const verify = (project: string) => `gcloud services list --enabled --project=${project} --filter="config.name=${API}"`

export function cloudKmsApiChecks(set: IacSet): Check[] {
  const wanted = needs(set)
  if (!wanted.length) return []
  const services = ofType(set, 'google_project_service')
  if (!services.length) {
    const projects = wanted.map((n) => n.project?.id ?? `${n.at.address}.project`).join(' and ')
    return [onResource(wanted[0].at)(skip(CHECK(wanted.map((n) => n.whose).join(' and ')), `The code enables no API (it has no google_project_service), so ${API} is enabled, or not, outside it. OpenAI needs it in ${projects}; check with ${verify('<project-id>')}.`, 'project'))]
  }
  // A google_project_service whose service is not written out may be Cloud KMS's.
  const candidates = services.filter((s) => s.values.service === API || typeof s.values.service !== 'string' || isReference(s.values.service) || s.unknown.has('service'))
  return wanted.map(({ whose, at, project, name }) => {
    const enabling = project && candidates.find((s) => s.values.service === API && projectOf(set, s)?.id === project.id)
    if (enabling) return onResource(enabling)(pass(CHECK(whose), `${enabling.address} enables ${API} in ${project.id}.`, 'service'))
    if (!project?.known) {
      return onResource(at)(skip(CHECK(whose), `${whose[0].toUpperCase()}${whose.slice(1)} is ${project?.id ?? 'known only after apply'}, which the code does not write out, and no google_project_service names it the same way; check with ${verify('<project-id>')}.`, 'project'))
    }
    if (candidates.some((s) => !projectOf(set, s)?.known || s.values.service !== API)) {
      return onResource(at)(skip(CHECK(whose), `No google_project_service enables ${API} in ${project.id} as written, but one names its project or service by a value the code does not write out; check with ${verify(project.id)}.`, 'project'))
    }
    // Aligned as terraform fmt writes it; the API stays on when the code is destroyed, as OpenAI may still need it.
    const body = ([['project', project.id], ['service', API], ['disable_on_destroy', false]] as const).map(([k, v]) => `  ${setting('hcl', k.padEnd(18), v)}`)
    const fix = [note('hcl', `OpenAI's calls need ${API} in ${whose}, ${project.id}.`), `resource "google_project_service" "${name}" {`, ...body, '}'].join('\n')
    const enabled = services.filter((s) => s.values.service === API).map((s) => projectOf(set, s)?.id)
    const detail = `${project.id} (${whose}) has no google_project_service for ${API}${enabled.length ? `; the code enables it only in ${enabled.join(', ')}` : ''}. Cloud KMS refuses OpenAI's calls with SERVICE_DISABLED until the API is on in every project they count against.`
    return onResource(at)(fail(CHECK(whose), 'gcp-kms-api-disabled', detail, fix, 'project'))
  })
}
