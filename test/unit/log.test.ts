// A log with several errors yields each distinct diagnosis with the line it came from. The error
// lines are real fixtures; the surrounding lines are ordinary CI noise.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { diagnoser } from '../support/engine.ts'

const fixture = (path: string) => readFileSync(`content/errors/${path}`, 'utf8').trim()

describe('logs with several errors', () => {
  const disabled = fixture('aws-kms-key-disabled/fixtures/match/boto3-encrypt-encryption-sdk.txt')
  const assume = fixture('aws-assume-role-denied/fixtures/match/boto3-clienterror-assumerole.txt')
  const log = ['2026-11-26T10:00:00Z ci step 1/3: setup', disabled, '2026-11-26T10:00:05Z ci step 2/3: deploy', '2026-11-26T10:00:06Z retrying with the EKM role', assume, '2026-11-26T10:00:09Z ci failed'].join('\n')

  it('reports every distinct symptom with the line it came from', () => {
    const { matches } = diagnoser.diagnose(log)
    const lineOf = (id: string) => matches.find((m) => m.id === id)?.line?.number
    const firstLine = (needle: string) => log.split('\n').findIndex((l) => l.includes(needle)) + 1
    expect(lineOf('aws-kms-key-disabled')).toBe(firstLine('DisabledException'))
    expect(lineOf('aws-assume-role-denied')).toBe(firstLine('sts:AssumeRole'))
  })

  it('adds no further symptom for a single error spread over lines', () => {
    const single = fixture('azure-keyvault-forbidden-access-policy/fixtures/match/dotnet-keyresolver-forbiddenbypolicy-get.txt')
    const ids = (text: string) => diagnoser.diagnose(text).matches.map((m) => m.id)
    expect(ids(single)).toEqual(ids(single.replace(/\n/g, ' ')))
  })
})
