/** Payload → Facts: every format's extractor runs over the (already redacted, unwrapped) text. */
import { awsGo } from './formats/aws-go.ts'
import { awsJava } from './formats/aws-java.ts'
import { awsPhp } from './formats/aws-php.ts'
import { awsRelayedKms } from './formats/aws-relayed-kms.ts'
import { awsRuby } from './formats/aws-ruby.ts'
import { awsXml } from './formats/aws-xml.ts'
import { azureCore } from './formats/azure-core.ts'
import { azureGo } from './formats/azure-go.ts'
import { botocore } from './formats/botocore.ts'
import { ec2StateReason } from './formats/ec2-state-reason.ts'
import { entra } from './formats/entra.ts'
import { exception } from './formats/exception.ts'
import { gcloud } from './formats/gcloud.ts'
import { googleapi } from './formats/googleapi.ts'
import { grpcStatusFormat } from './formats/grpc-status.ts'
import { html } from './formats/html.ts'
import { http } from './formats/http.ts'
import { openai } from './formats/openai.ts'
import { oauth } from './formats/oauth.ts'
import type { Format } from './formats/scan.ts'
import { sops } from './formats/sops.ts'
import { terraform } from './formats/terraform.ts'
import { readObjects } from './objects.ts'
import { readYamlDocument } from './yaml-document.ts'
import { parseLiteralAt, type Value } from './object-literal.ts'
import { detectCondition, namesLocalCause } from './condition.ts'
import { detectOtherService, detectProvider, detectService } from './provider.ts'
import { findPermission, findResources } from './resources.ts'
import { Signals } from './signals.ts'
import type { Facts } from './types.ts'

/** Wrappers first (they only unwrap), then the most specific formats; the generic exception line and HTTP last. */
const FORMATS: Format[] = [
  terraform, sops,
  botocore, awsJava, awsGo, awsPhp, awsRuby, awsXml, awsRelayedKms, ec2StateReason,
  gcloud, grpcStatusFormat, googleapi,
  azureCore, azureGo, entra, oauth,
  openai, exception, http, html,
]

/** Literal "\r\n" sequences (logs of JSON strings) become real line breaks for line-based formats. */
function unfold(text: string): string {
  return text.replace(/\\r\\n|\\n|\\r/g, '\n')
}

/** The text with every wrapper's layout undone: what rules and extractors read. */
export function unwrap(text: string): string {
  let out = text
  for (const format of FORMATS) if (format.unwrap) out = format.unwrap(out)
  return out
}

export interface Extracted {
  facts: Facts
  /** Every message found, for rules that look at messages. */
  messages: string[]
  /** The top-level objects in the payload (a pasted document is one of them). */
  objects: Value[]
  /** The payload is an audit record of a call that worked, and names no error. */
  succeeded: boolean
}

/** An object's keys ("timeout": 0) are settings, not what went wrong. */
const OBJECT_KEY = /["'][\w-]{1,40}["']\s*:/g

/** Facts of a text that `unwrap` has already been applied to. */
export function extractFacts(text: string): Extracted {
  const s = new Signals()
  const objects = readObjects(text, s)
  // A pasted JSON array (az … list output) is one document, not its items.
  const first = text.search(/\S/)
  const list = first >= 0 && text[first] === '[' ? parseLiteralAt(text, first) : null
  if (list && Array.isArray(list.value)) objects.unshift(list.value)
  // A YAML document is read for the analyzers only: its keys are settings, not error signals.
  const yaml = readYamlDocument(text)
  if (yaml) objects.unshift(yaml)
  const lines = unfold(text)
  for (const format of FORMATS) format.extract?.(lines, s)
  const codes = s.codes()
  const provider = detectProvider(text)
  const facts: Facts = {
    provider,
    service: s.service ?? detectService(provider, text, s.operation) ?? detectOtherService(provider, text),
    operation: s.operation,
    // The messages decide; when they say nothing of what went wrong, the rest of the payload may (a log's next line).
    // A cause the SDK found on its own side decides that none of the key service's conditions holds.
    condition: namesLocalCause(codes) ? undefined : (detectCondition(codes, s.httpStatus, s.messages.length ? s.messages.join('\n') : text) ?? (s.messages.length ? detectCondition([], undefined, text.replace(OBJECT_KEY, '')) : undefined)),
    code: codes[0],
    codes,
    httpStatus: s.httpStatus,
    permission: findPermission(text),
    message: s.messages[0]?.slice(0, 1000),
    resources: findResources(text),
    requestId: s.requestId,
  }
  return { facts, messages: s.messages, objects, succeeded: s.succeeded && !codes.length && !facts.condition }
}
