/** `ekm-doctor`: dispatch, usage and exit codes. */
import { readFile } from 'node:fs/promises'
import { check, diagnose, explain } from './commands.ts'
import { EXIT, UsageError, type Io } from './io.ts'

export const USAGE = `Usage:
  ekm-doctor diagnose [--json | --ticket] [--org ID] [--key K] [--role ARN] [--region R] [--provider aws|gcp|azure] [FILE...]
      Diagnose error output or a configuration document from files, or from stdin (no FILE, or -).
      --ticket prints a Markdown summary for a support ticket (without the payload).
      Exit code: 0 something matched, 1 nothing matched, 2 usage or input error.
  ekm-doctor explain <symptom-id | error-code>
      Print a symptom's summary, causes, fix and article.
  ekm-doctor check aws --key <key-or-alias-ARN> --role <role-ARN> --org <org-or-project-id>
                       [--region R] [--profile P] [--roundtrip] [--json]
      Check a live AWS setup with your own credentials, read-only (--roundtrip also encrypts and
      decrypts random bytes). Exit code: 0 all checks passed, 1 a check failed, 2 usage error.

Set EKM_DOCTOR_SITE to the site's address for article links (default http://127.0.0.1:8787).
`

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks)
}

export const nodeIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readFile: (path) => readFile(path),
  readStdin: () => readAll(process.stdin),
  stdinIsTty: Boolean(process.stdin.isTTY),
  stdoutIsTty: Boolean(process.stdout.isTTY),
  env: process.env,
}

export async function main(argv: string[], io: Io = nodeIo): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'diagnose':
        return await diagnose(rest, io)
      case 'explain':
        return await explain(rest, io)
      case 'check':
        return await check(rest, io)
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE)
        return command === undefined ? EXIT.usage : EXIT.ok
      default:
        throw new UsageError(`unknown command “${command}”`)
    }
  } catch (e) {
    // parseArgs reports unknown options with ERR_PARSE_ARGS_* codes.
    if (e instanceof UsageError || String((e as { code?: string }).code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`ekm-doctor: ${(e as Error).message}\n\n${USAGE}`)
      return EXIT.usage
    }
    throw e
  }
}
