/** Building blocks every document analyzer shares. */
import type { Value } from '../object-literal.ts'
import type { Check } from './types.ts'

/** An OpenAI organization id (org-…) or project id (proj_…): what registers a key. */
export const ORG_ID = /^(?:org-[A-Za-z0-9]{6,64}|proj[_-][A-Za-z0-9]{6,64})$/

export const pass = (name: string, detail: string, at?: string): Check => ({ name, status: 'pass', detail, at })
export const skip = (name: string, detail: string, at?: string): Check => ({ name, status: 'skip', detail, at })
export const fail = (name: string, id: string, detail: string, fix: string, at?: string): Check => ({ name, status: 'fail', id, detail, fix, at })

/** Where a finding in infrastructure code is: "kms.tf:12" when the code is several files, else "line 12". */
export const placeOf = (c: Pick<Check, 'file' | 'line'>): string | undefined => (c.line === undefined ? c.file : c.file ? `${c.file}:${c.line}` : `line ${c.line}`)

/** How a check's status is shown, in the terminal and on the page. */
export const STATUS_MARK = { pass: '✔', fail: '✘', skip: '–' } as const

/** A value infrastructure code fills in at apply time: "${var.org_id}", "${OpenAIRole.Arn}". */
export const isReference = (v: Value | undefined): boolean => typeof v === 'string' && /\$\{[^}]*\}/.test(v)

export const text = (v: Value | undefined): string | undefined => (typeof v === 'string' ? v : undefined)
