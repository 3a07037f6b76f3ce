// The redaction contract: every secret form in every wrapper, and inserted anywhere in any
// fixture, never reaches an output — the diagnosis (API body and CLI --json), the CLI's human
// text, the ticket, the share link — nor does one given as context. The API in workerd, the CLI
// binary and the page assert the same table on their own surfaces.
import { describe, expect, it } from 'vitest'
import { formatDiagnosis } from '../../src/cli/format.ts'
import { shareLink, ticketMarkdown } from '../../src/engine/index.ts'
import { allFixtures } from '../support/corpus.ts'
import { diagnoser } from '../support/engine.ts'
import { leaked, SECRET_FORMS, seeded, WRAPPERS, type SecretForm } from '../support/secrets.ts'

/** A form as it is written on its own: with its label, its scheme or its PEM armour. */
const render = (f: SecretForm) =>
  f.label === 'url-password' ? `https://svc:${f.value}@host.test/` :
  f.label === 'Bearer' ? `Bearer ${f.value}` :
  f.label === 'private_key' ? `-----BEGIN PRIVATE KEY-----\n${f.value}\n-----END PRIVATE KEY-----` :
  f.label ? `${f.label}=${f.value}` : f.value

/** Everything a diagnosis is shown as, in one string. */
function surfaces(payload: string, context?: Parameters<typeof diagnoser.diagnose>[1]): { all: string; redacted: number } {
  const d = diagnoser.diagnose(payload, context)
  const all = [JSON.stringify(d), formatDiagnosis(d, (p) => `https://kb.test${p}`), ticketMarkdown(d, 'https://kb.test'), shareLink(d)].join('\n')
  return { all, redacted: d.redactions.reduce((n, r) => n + r.count, 0) }
}

it('covers at least 30 secret forms in at least 5 wrappers', () => {
  expect(SECRET_FORMS.length).toBeGreaterThanOrEqual(30)
  expect(WRAPPERS.length).toBeGreaterThanOrEqual(5)
})

describe.each(WRAPPERS.map((w) => [w.name, w] as const))('in %s', (_name, wrapper) => {
  it.each(SECRET_FORMS.map((f) => [f.name, f] as const))('a %s never reaches an output', (_form, form) => {
    const { all, redacted } = surfaces(wrapper.render(form))
    expect(leaked(all, form)).toBeUndefined()
    expect(redacted).toBeGreaterThan(0)
  })
})

describe('context', () => {
  it.each(SECRET_FORMS.map((f) => [f.name, f] as const))('a %s given as context is redacted too', (_form, form) => {
    const value = render(form)
    const { all } = surfaces('An error occurred (DisabledException) when calling the Encrypt operation: key is disabled.', { org: value, key: value, role: value, region: value })
    expect(leaked(all, form)).toBeUndefined()
  })

  it('keeps what the user gave when it is not a secret', () => {
    const d = diagnoser.diagnose('An error occurred (DisabledException) when calling the Encrypt operation: key is disabled.', { org: 'org-abc123', region: 'us-east-1' })
    expect(d.facts.resources).toMatchObject({ org: 'org-abc123', region: 'us-east-1' })
    expect(d.redactions).toEqual([])
  })

  it('keeps resource identifiers out of the ticket', () => {
    const d = diagnoser.diagnose('DisabledException: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab is disabled.', { org: 'org-abc123' })
    const md = ticketMarkdown(d, 'https://kb.test')
    expect(md).not.toContain('111122223333')
    expect(md).not.toContain('org-abc123')
  })
})

describe('property: a secret inserted anywhere in any fixture', () => {
  const fixtures = allFixtures()
  const random = seeded(20261204)
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  /** A token boundary: secrets sit between words, not glued inside one. */
  function insert(text: string, secret: string): string {
    const bounds = [0, text.length, ...[...text.matchAll(/[\s"'=:,(){}[\]]/g)].map((m) => m.index + 1)]
    const at = pick(bounds)
    return `${text.slice(0, at)}${secret}${/\s/.test(text[at] ?? ' ') ? '' : ' '}${text.slice(at)}`
  }

  it('never reaches an output (2,000 seeded cases)', () => {
    const escapes: string[] = []
    for (let i = 0; i < 2000; i++) {
      const fixture = pick(fixtures)
      const form = pick(SECRET_FORMS)
      const { all } = surfaces(insert(fixture.text, render(form)))
      if (leaked(all, form)) escapes.push(`${form.name} in ${fixture.path}`)
    }
    expect(escapes).toEqual([])
  }, 60_000) // 2,000 diagnoses: seconds, not milliseconds
})
