/** Shapes shared by the engine, the API, the CLI and the site. No runtime code here. */
import type { Analysis } from './analyze/types.ts'

export type { Analysis, Check } from './analyze/types.ts'

export type Provider = 'aws' | 'gcp' | 'azure' | 'openai'

/** One leaf of a declarative rule. Exactly one of `equals`, `in`, `includes` is set. */
export interface Leaf {
  field: 'code' | 'message' | 'text' | 'provider' | 'service' | 'operation' | 'status'
  equals?: string
  in?: string[]
  /** Literal phrase(s), case- and whitespace-insensitive; " … " inside a phrase is a bounded gap. */
  includes?: string | string[]
  /** Evidence strength in (0, 1]; defaults per field. */
  weight?: number
}

export interface RuleSpec {
  all?: Leaf[]
  any?: Leaf[]
  none?: Leaf[]
  also?: Leaf[]
  priority?: number
}

/** A symptom as declared once, in its article's frontmatter (see content/errors/_template). */
export interface Symptom {
  id: string
  title: string
  description: string
  provider: Provider | 'any'
  stage: string
  codes: string[]
  aliases: string[]
  related: string[]
  cause: string
  fix: string[]
  rule: RuleSpec
  /** The article's causes, most likely first (its "How to fix" headings and their anchors); generated. */
  causes?: { title: string; anchor: string }[]
}

export interface Resources {
  keyArn?: string
  aliasArn?: string
  roleArn?: string
  callerArn?: string
  region?: string
  account?: string
  project?: string
  projectNumber?: string
  location?: string
  keyRing?: string
  key?: string
  keyVersion?: string
  pool?: string
  wifProvider?: string
  vault?: string
  vaultUri?: string
  keyName?: string
  tenant?: string
  appId?: string
  org?: string
}

export interface Facts {
  provider?: Provider
  service?: string
  operation?: string
  /** The most specific error code found. */
  code?: string
  /** Every error code found, most specific first. */
  codes: string[]
  httpStatus?: number
  message?: string
  resources: Resources
  requestId?: string
}

export interface Evidence {
  /** A rule field, or "document" for a finding in a pasted configuration document. */
  signal: Leaf['field'] | 'document'
  text: string
}

export interface Match {
  id: string
  title: string
  confidence: number
  url: string
  /** Deep links to each cause section of the article, most likely first. */
  causes?: { title: string; url: string }[]
  summary: string
  cause: string
  fix: string[]
  evidence: Evidence[]
  /** Look-alike symptoms that were considered and why they do not apply. */
  ruledOut?: RuledOut[]
  /** In a log with several errors: the line this further finding comes from. */
  line?: { number: number; text: string }
}

export interface RuledOut {
  id: string
  title: string
  reason: string
}

export interface Redaction {
  kind: string
  count: number
}

export interface Diagnosis {
  matches: Match[]
  facts: Facts
  redactions: Redaction[]
  /** When the payload is a configuration document: every check run on it. */
  analysis?: Analysis
}

/** Optional context a user can add; see the API's `context`. */
export interface DiagnoseContext {
  org?: string
  key?: string
  role?: string
  region?: string
  provider?: Provider
}
