// Real samples: gRPC statuses as servers and clients print them.
import { describe, expect, it } from 'vitest'
import { extractFacts, unwrap } from '../facts.ts'

const facts = (sample: string) => extractFacts(unwrap(sample)).facts

describe('gRPC status', () => {
  it('reads Go\'s rpc error', () => {
    expect(facts('rpc error: code = PermissionDenied desc = Permission denied on resource')).toMatchObject({ code: 'PERMISSION_DENIED', httpStatus: 403 })
  })

  it('lets the wrapped error decide when a server reports another service\'s failure as Internal', () => {
    // https://github.com/kubernetes-sigs/gcp-compute-persistent-disk-csi-driver/pull/590
    const sample = 'CreateVolume failed with error: rpc error: code = Internal desc = CreateVolume failed to create single zonal disk "gcepd-csi-e2e-abfae45e-d0af-4cd7-a996-8b5e74089a2e": failed to insert zonal disk: unknown Insert disk error: googleapi: Error 400: Cloud KMS error when using key projects/REDACTED/locations/global/keyRings/gce-pd-csi-test-ring/cryptoKeys/test-key-99db27e5-88e7-47c5-a1f8-4b7e4cebce88: Permission \'cloudkms.cryptoKeyVersions.useToEncrypt\' denied on resource'
    const f = facts(sample)
    expect(f.httpStatus).toBe(400)
    expect(f.codes).not.toContain('INTERNAL')
  })
})
