/** The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */
import { CONTEXT_PROVIDERS, MAX_PAYLOAD_BYTES } from '../src/engine/index.ts'
import { PROBLEMS, problemUri } from './problems.ts'

const problemRef = { $ref: '#/components/responses/Problem' }
const str = { type: 'string' }

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'EKM Doctor API',
    version: '1.0.0',
    description:
      'Diagnoses OpenAI Enterprise Key Management (EKM) errors and configuration. Payloads are never logged or stored; secrets are redacted before anything is returned.',
  },
  servers: [{ url: '/' }],
  paths: {
    '/api/v1/diagnose': {
      post: {
        operationId: 'diagnose',
        summary: 'Diagnose a pasted error payload',
        requestBody: {
          required: true,
          content: {
            'text/plain': { schema: { type: 'string', maxLength: MAX_PAYLOAD_BYTES, description: 'The raw payload: an error, a log, a configuration document, a Terraform plan or state (terraform show -json), Terraform JSON configuration (.tf.json) or a CloudFormation template. Terraform source (.tf, HCL) is refused with the terraform-source problem: its parser runs in the CLI and on the diagnose page.' } },
            'application/yaml': { schema: { type: 'string', maxLength: MAX_PAYLOAD_BYTES, description: 'A YAML document as it is: a CloudFormation template (short tags such as !Ref and !GetAtt are read) or gcloud\'s default output. Also accepted as application/x-yaml and text/yaml.' } },
            'application/json': { schema: { $ref: '#/components/schemas/DiagnoseRequest' } },
          },
        },
        responses: {
          '200': { description: 'Ranked matches (empty when nothing applies).', content: { 'application/json': { schema: { $ref: '#/components/schemas/Diagnosis' } } } },
          '400': problemRef, '405': problemRef, '408': problemRef, '413': problemRef, '415': problemRef, '429': problemRef, '503': problemRef,
        },
      },
    },
    '/api/v1/rules': {
      get: {
        operationId: 'listRules',
        summary: 'Every rule the diagnoser knows',
        responses: { '200': { description: 'The rules.', content: { 'application/json': { schema: { type: 'object', required: ['rules'], properties: { rules: { type: 'array', items: { $ref: '#/components/schemas/Rule' } } } } } } }, '405': problemRef, '503': problemRef },
      },
    },
    '/api/v1/health': {
      get: {
        operationId: 'health',
        summary: 'Liveness and readiness: the symptom registry is loaded',
        responses: { '200': { description: 'Alive.', content: { 'application/json': { schema: { type: 'object', required: ['status'], properties: { status: { const: 'ok' }, rules: { type: 'integer' } } } } } }, '405': problemRef, '503': problemRef },
      },
    },
    '/api/v1/openapi.json': {
      get: { operationId: 'openapi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document.', content: { 'application/json': {} } }, '405': problemRef } },
    },
  },
  components: {
    schemas: {
      DiagnoseRequest: {
        type: 'object',
        required: ['payload'],
        properties: {
          payload: { type: 'string', description: `The pasted error, response, log or configuration document; at most ${MAX_PAYLOAD_BYTES} bytes of UTF-8.` },
          context: {
            type: 'object',
            additionalProperties: false,
            description: 'Optional facts the payload may not contain; they fill in what the payload does not say.',
            properties: {
              org: { ...str, description: 'The OpenAI organization or project id that registers the key (org-… or proj_…).' },
              key: { ...str, description: 'AWS key or alias ARN, Google Cloud key resource name, or Azure key name or URL.' },
              role: { ...str, description: 'The AWS role ARN registered with OpenAI.' },
              region: { ...str, description: 'The expected region or location.' },
              provider: { enum: [...CONTEXT_PROVIDERS] },
            },
          },
        },
      },
      Evidence: {
        type: 'object',
        required: ['signal', 'text'],
        properties: {
          signal: {
            enum: ['code', 'message', 'text', 'provider', 'service', 'operation', 'status', 'permission', 'document', 'wording'],
            description: '`wording`: no rule matched; the article shares these telling words with the payload (a low-confidence lead, at most 30 %).',
          },
          text: str,
        },
      },
      Analysis: {
        type: 'object',
        description: 'Present when the payload is a configuration document or infrastructure code: every check run on it. For infrastructure code (document terraform-plan, terraform-state, terraform-source or cloudformation-template) each check names its resource and line, and a fix is written in the code\'s language (HCL, YAML or JSON); a value known only after apply is a skip that names the attribute.',
        required: ['document', 'title', 'checks'],
        properties: {
          document: { ...str, description: 'The kind of document, e.g. aws-trust-policy or terraform-plan.' },
          title: str,
          checks: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'status', 'detail'],
              properties: { name: str, status: { enum: ['pass', 'fail', 'skip'] }, id: { ...str, description: 'The symptom a failure will cause.' }, detail: str, fix: str, at: { ...str, description: 'Where in the document.' }, resource: { ...str, description: 'In infrastructure code: the resource address (aws_iam_role.openai) or the template\'s logical id.' }, line: { type: 'integer', minimum: 1, description: 'In infrastructure code: the line the resource starts on.' } },
            },
          },
        },
      },
      Match: {
        type: 'object',
        required: ['id', 'title', 'confidence', 'url', 'summary', 'cause', 'fix', 'evidence'],
        properties: {
          id: { ...str, description: 'Permanent symptom id.' },
          title: str,
          confidence: { type: 'number', minimum: 0, maximum: 1 },
          url: { ...str, description: 'The article, /errors/<id>/.' },
          summary: str,
          cause: str,
          fix: { type: 'array', items: str },
          evidence: { type: 'array', items: { $ref: '#/components/schemas/Evidence' } },
          line: {
            type: 'object',
            description: 'In a log with several errors: the line a further finding comes from.',
            required: ['number', 'text'],
            properties: { number: { type: 'integer' }, text: str },
          },
          ruledOut: {
            type: 'array',
            description: 'Look-alike symptoms that were considered, and why they do not apply.',
            items: { type: 'object', required: ['id', 'title', 'reason'], properties: { id: str, title: str, reason: str } },
          },
        },
      },
      Facts: {
        type: 'object',
        required: ['codes', 'resources'],
        properties: {
          provider: { enum: ['aws', 'gcp', 'azure', 'openai'] },
          service: str, operation: str, code: str,
          condition: { enum: ['denied', 'not-found', 'disabled', 'deleted', 'unauthenticated', 'throttled', 'timeout', 'invalid-ciphertext', 'invalid-id', 'server-error'], description: 'What went wrong, read from the error codes, the HTTP status or the message, whatever the wording.' },
          codes: { type: 'array', items: str },
          httpStatus: { type: 'integer' },
          permission: { ...str, description: 'The IAM action or permission the error names (kms:Encrypt, cloudkms.cryptoKeyVersions.useToEncrypt).' },
          message: str,
          resources: { type: 'object', additionalProperties: str },
          requestId: str,
        },
      },
      Diagnosis: {
        type: 'object',
        required: ['matches', 'facts', 'redactions'],
        properties: {
          matches: { type: 'array', items: { $ref: '#/components/schemas/Match' } },
          facts: { $ref: '#/components/schemas/Facts' },
          redactions: { type: 'array', items: { type: 'object', required: ['kind', 'count'], properties: { kind: str, count: { type: 'integer' } } } },
          analysis: { $ref: '#/components/schemas/Analysis' },
          family: { $ref: '#/components/schemas/Family' },
          nearest: { $ref: '#/components/schemas/Nearest' },
        },
      },
      Family: {
        type: 'object',
        description: 'Present when the payload names a family of symptoms but not which member. The members are also in `matches`; here they are in catalog order, most common first, each with the step that tells it apart. A payload that is only an error code with several meanings gets the same answer with id `code:<code>`, ranked as `/codes/<code>/` ranks them.',
        required: ['id', 'title', 'description', 'members'],
        properties: {
          id: str, title: str, description: str,
          members: { type: 'array', items: { type: 'object', required: ['id', 'title', 'url', 'tell'], properties: { id: str, title: str, url: str, tell: { ...str, description: 'The command or field that decides whether it is this member.' } } } },
        },
      },
      Nearest: {
        type: 'object',
        description: 'Present when nothing matched but the payload is clearly a key, identity or OpenAI error: what was read, the closest articles and the error index filtered to the provider. `matches` stays empty.',
        required: ['read', 'articles', 'index'],
        properties: {
          read: { ...str, description: 'What was read, e.g. "AWS · kms · AccessDeniedException · HTTP 400".' },
          articles: { type: 'array', items: { type: 'object', required: ['id', 'title', 'url'], properties: { id: str, title: str, url: str } } },
          index: { ...str, description: 'The error index filtered to the provider, /errors/?provider=<p>.' },
        },
      },
      Rule: { type: 'object', required: ['id', 'title', 'provider', 'codes', 'url'], properties: { id: str, title: str, provider: str, codes: { type: 'array', items: str }, url: str } },
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail'],
        properties: { type: { ...str, enum: Object.keys(PROBLEMS).map((t) => problemUri(t as keyof typeof PROBLEMS)) }, title: str, status: { type: 'integer' }, detail: str, requestId: str },
      },
    },
    responses: {
      Problem: { description: 'A problem document (RFC 9457).', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    },
  },
}
