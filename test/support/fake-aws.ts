/**
 * A local AWS endpoint for the `check aws` tests, speaking the real wire protocols: awsJson 1.1 for
 * KMS (X-Amz-Target: TrentService.*), awsQuery XML for IAM and STS, with AWS's error shapes. The
 * SDK reaches it through AWS_ENDPOINT_URL; the service is read from the SigV4 credential scope.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'

export interface FakeError {
  status: number
  code: string
  message: string
}

export interface Account {
  caller: { arn: string; account: string } | FakeError
  /** Key ARN → KeyMetadata (as DescribeKey returns it). */
  keys: Record<string, Record<string, unknown>>
  /** Alias ARN → key ARN. */
  aliases: Record<string, string>
  keyPolicy: Record<string, unknown>
  role?: { arn: string; trust: Record<string, unknown>; inline: Record<string, Record<string, unknown>>; attached: Record<string, { name: string; doc: Record<string, unknown> }> }
  /** Operation → error it always returns, e.g. { GetRole: {status: 403, code: 'AccessDenied', …} }. */
  errors: Record<string, FakeError>
}

const REQUEST_ID = '4f8e5d2c-0000-4000-8000-000000000000'
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const encoded = (doc: unknown) => xmlEscape(encodeURIComponent(JSON.stringify(doc)))

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = ''
    req.on('data', (c) => (data += c))
    req.on('end', () => resolve(data))
  })
}

function queryXml(service: 'iam' | 'sts', action: string, result: string): string {
  const ns = service === 'iam' ? 'https://iam.amazonaws.com/doc/2010-05-08/' : 'https://sts.amazonaws.com/doc/2011-06-15/'
  return `<${action}Response xmlns="${ns}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${REQUEST_ID}</RequestId></ResponseMetadata></${action}Response>`
}

function queryError(service: 'iam' | 'sts', e: FakeError): string {
  const ns = service === 'iam' ? 'https://iam.amazonaws.com/doc/2010-05-08/' : 'https://sts.amazonaws.com/doc/2011-06-15/'
  return `<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${e.code}</Code><Message>${xmlEscape(e.message)}</Message></Error><RequestId>${REQUEST_ID}</RequestId></ErrorResponse>`
}

type Reply = { status: number; type: string; body: string }
const kmsReply = (status: number, payload: unknown): Reply => ({ status, type: 'application/x-amz-json-1.1', body: JSON.stringify(payload) })
const kmsError = (e: FakeError) => kmsReply(e.status, { __type: e.code, message: e.message })

function kms(account: Account, op: string, input: Record<string, string>): Reply {
  if (account.errors[op]) return kmsError(account.errors[op])
  const keyArn = account.aliases[input.KeyId] ?? input.KeyId
  const meta = account.keys[keyArn]
  if (!meta) {
    const message = input.KeyId.includes(':alias/') ? `Alias ${input.KeyId} is not found.` : `Key '${input.KeyId}' does not exist`
    return kmsError({ status: 400, code: 'NotFoundException', message })
  }
  switch (op) {
    case 'DescribeKey':
      return kmsReply(200, { KeyMetadata: meta })
    case 'GetKeyPolicy':
      return kmsReply(200, { Policy: JSON.stringify(account.keyPolicy), PolicyName: 'default' })
    case 'Encrypt':
      return kmsReply(200, { CiphertextBlob: Buffer.concat([Buffer.from('ct:'), Buffer.from(input.Plaintext, 'base64')]).toString('base64'), KeyId: keyArn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' })
    case 'Decrypt':
      return kmsReply(200, { Plaintext: Buffer.from(input.CiphertextBlob, 'base64').subarray(3).toString('base64'), KeyId: keyArn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' })
    default:
      return kmsError({ status: 400, code: 'UnknownOperationException', message: op })
  }
}

function iamOrSts(account: Account, service: 'iam' | 'sts', params: URLSearchParams): Reply {
  const action = params.get('Action') ?? ''
  const xml = (status: number, text: string): Reply => ({ status, type: 'text/xml', body: text })
  const error = account.errors[action]
  if (error) return xml(error.status, queryError(service, error))
  if (service === 'sts' && action === 'GetCallerIdentity') {
    const c = account.caller
    if ('code' in c) return xml(c.status, queryError('sts', c))
    return xml(200, queryXml('sts', action, `<Arn>${c.arn}</Arn><UserId>AIDAEXAMPLEUSERID0001</UserId><Account>${c.account}</Account>`))
  }
  const role = account.role
  const roleName = params.get('RoleName')
  if (!role || (roleName && role.arn.split('/').pop() !== roleName)) {
    return xml(404, queryError('iam', { status: 404, code: 'NoSuchEntity', message: `The role with name ${roleName} cannot be found.` }))
  }
  switch (action) {
    case 'GetRole':
      return xml(200, queryXml('iam', action, `<Role><Path>/</Path><RoleName>${roleName}</RoleName><RoleId>AROAEXAMPLEROLEID0001</RoleId><Arn>${role.arn}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>${encoded(role.trust)}</AssumeRolePolicyDocument></Role>`))
    case 'ListRolePolicies':
      return xml(200, queryXml('iam', action, `<PolicyNames>${Object.keys(role.inline).map((n) => `<member>${n}</member>`).join('')}</PolicyNames><IsTruncated>false</IsTruncated>`))
    case 'GetRolePolicy': {
      const name = params.get('PolicyName')!
      return xml(200, queryXml('iam', action, `<RoleName>${roleName}</RoleName><PolicyName>${name}</PolicyName><PolicyDocument>${encoded(role.inline[name])}</PolicyDocument>`))
    }
    case 'ListAttachedRolePolicies':
      return xml(200, queryXml('iam', action, `<AttachedPolicies>${Object.entries(role.attached).map(([arn, p]) => `<member><PolicyName>${p.name}</PolicyName><PolicyArn>${arn}</PolicyArn></member>`).join('')}</AttachedPolicies><IsTruncated>false</IsTruncated>`))
    case 'GetPolicy': {
      const arn = params.get('PolicyArn')!
      return xml(200, queryXml('iam', action, `<Policy><PolicyName>${role.attached[arn].name}</PolicyName><Arn>${arn}</Arn><DefaultVersionId>v1</DefaultVersionId><AttachmentCount>1</AttachmentCount><IsAttachable>true</IsAttachable></Policy>`))
    }
    case 'GetPolicyVersion': {
      const arn = params.get('PolicyArn')!
      return xml(200, queryXml('iam', action, `<PolicyVersion><Document>${encoded(role.attached[arn].doc)}</Document><VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion></PolicyVersion>`))
    }
    default:
      return xml(400, queryError('iam', { status: 400, code: 'InvalidAction', message: action }))
  }
}

export interface FakeAws {
  url: string
  account: Account
  /** Operations received, in order (for asserting read-only behaviour). */
  calls: string[]
  close(): Promise<void>
}

export async function startFakeAws(account: Account): Promise<FakeAws> {
  const calls: string[] = []
  const fake: FakeAws = { url: '', account, calls, close: async () => {} }
  const server: Server = createServer(async (req, res) => {
    const text = await body(req)
    const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([a-z]+)\/aws4_request/.exec(req.headers.authorization ?? '')?.[1]
    const target = req.headers['x-amz-target']
    let reply: Reply
    if (typeof target === 'string' && target.startsWith('TrentService.')) {
      const op = target.slice('TrentService.'.length)
      calls.push(`kms:${op}`)
      reply = kms(fake.account, op, JSON.parse(text || '{}'))
    } else {
      const params = new URLSearchParams(text)
      const service = scope === 'sts' ? 'sts' : 'iam'
      calls.push(`${service}:${params.get('Action')}`)
      reply = iamOrSts(fake.account, service, params)
    }
    res.writeHead(reply.status, { 'content-type': reply.type, 'x-amzn-requestid': REQUEST_ID })
    res.end(reply.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  fake.url = `http://127.0.0.1:${port}`
  fake.close = () => new Promise((resolve) => server.close(() => resolve()))
  return fake
}
