/** Shapes shared by the engine, the API, the CLI and the site. No runtime code here. */
import type { Analysis } from './analyze/types.ts'

export type { Analysis, Check } from './analyze/types.ts'

export type Provider = 'aws' | 'gcp' | 'azure' | 'openai'

/** One leaf of a declarative rule. Exactly one of `equals`, `in`, `includes` is set. */
export interface Leaf {
  field: 'code' | 'message' | 'text' | 'provider' | 'service' | 'operation' | 'status' | 'permission' | 'condition'
  equals?: string
  in?: string[]
  /** Literal phrase(s), case- and whitespace-insensitive; " … " inside a phrase is a bounded gap. */
  includes?: string | string[]
  /** Evidence strength in (0, 1]; defaults per field. */
  weight?: number
}

/**
 * A combination of structured facts that is enough on its own, whatever the wording: every key
 * given must match (a list means any of its values; a trailing "*" matches a prefix; "none" holds
 * when the payload gave no value for it, as a bare error body names no service). It fires
 * with its weight, below a phrase match, when none of the rule's phrases is in the payload.
 */
export interface FactCombo {
  provider?: string | string[]
  service?: string | string[]
  operation?: string | string[]
  code?: string | string[]
  status?: string | number | (string | number)[]
  permission?: string | string[]
  /** What went wrong (denied, not-found, disabled, deleted, unauthenticated, throttled, timeout, invalid-ciphertext, invalid-id, server-error). */
  condition?: Condition | Condition[]
  /** A phrase the payload contains (any of them). */
  text?: string | string[]
  /** Confidence when this combination decides; defaults to 0.45. */
  weight?: number
}

export interface RuleSpec {
  all?: Leaf[]
  any?: Leaf[]
  none?: Leaf[]
  also?: Leaf[]
  facts?: FactCombo[]
  priority?: number
}

/**
 * Symptoms that a payload can name without deciding between them (a bare Key Vault 403). Declared
 * in content/families/; members are listed most common first.
 */
export interface Family {
  id: string
  title: string
  description: string
  /** Fact combinations that identify the family (same form as a rule's). */
  when: FactCombo[]
  /** Fact combinations that rule the family out (a Key Vault secret's 403 is not a key's). */
  unless?: FactCombo[]
  members: { id: string; tell: string }[]
}

/** Error codes that several symptoms share → their meanings, most likely first (content/codes.yaml). */
export type CodeMeanings = Record<string, { id: string; tell: string }[]>

/** A family answer: the payload names the family, and these steps tell its members apart. */
export interface FamilyAnswer {
  id: string
  title: string
  description: string
  members: { id: string; title: string; url: string; tell: string }[]
}

/** When nothing matched but the payload is clearly a cloud key or OpenAI error: where to look. */
export interface Nearest {
  /** What was read, in words ("AWS · kms · AccessDeniedException · HTTP 400"). */
  read: string
  articles: { id: string; title: string; url: string }[]
  /** The error index filtered to the provider. */
  index: string
}

/** A symptom as declared once, in its article's frontmatter (see content/errors/_template). */
export interface Symptom {
  id: string
  title: string
  description: string
  provider: Provider | 'any'
  stage: string
  codes: string[]
  /** Other words users search for it with: messages, CLI and console names. */
  aliases: string[]
  /** Terms a popular third-party guide uses for it that are not OpenAI's or the provider's own. */
  guideTerms: string[]
  related: string[]
  cause: string
  fix: string[]
  rule: RuleSpec
  /** The article's causes, most likely first (its "How to fix" headings and their anchors); generated. */
  causes?: { title: string; anchor: string }[]
  /** The article's telling words and their weights, for "closest by wording" (src/engine/wording.ts); generated. */
  terms?: Record<string, number>
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

/** What went wrong, whatever the wording (src/engine/condition.ts). */
export type Condition = 'denied' | 'not-found' | 'disabled' | 'deleted' | 'unauthenticated' | 'throttled' | 'timeout' | 'invalid-ciphertext' | 'invalid-id' | 'server-error'

export interface Facts {
  provider?: Provider
  service?: string
  /** What went wrong, read from the codes, the HTTP status or the message. */
  condition?: Condition
  operation?: string
  /** The most specific error code found. */
  code?: string
  /** Every error code found, most specific first. */
  codes: string[]
  httpStatus?: number
  /** The IAM action or permission the error names (kms:Encrypt, cloudkms.cryptoKeyVersions.useToEncrypt). */
  permission?: string
  message?: string
  resources: Resources
  requestId?: string
}

export interface Evidence {
  /** A rule field, or "document" for a finding in a pasted configuration document. */
  signal: Leaf['field'] | 'document' | 'wording'
  text: string
  /** For a phrase: the rest of its line on either side, so the match reads in context. */
  around?: { before: string; after: string }
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
  /** When the payload names a family of symptoms but not which one: how to tell them apart. */
  family?: FamilyAnswer
  /** When nothing matched but the payload is clearly a cloud key, identity or OpenAI error. */
  nearest?: Nearest
}

/** Optional context a user can add; see the API's `context`. */
export interface DiagnoseContext {
  org?: string
  key?: string
  role?: string
  region?: string
  provider?: Provider
}
