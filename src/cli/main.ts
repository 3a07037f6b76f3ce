/** `ekm-doctor`: dispatch, usage and exit codes. */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { check, diagnose, explain } from './commands.ts'
import { completionScript } from './completion.ts'
import { EXIT, UsageError, type Io } from './io.ts'
import { styleFor } from './style.ts'
import { COMMAND_USAGE, commandUsage, USAGE, type Command } from './usage.ts'
import { VERSION } from './version.ts'

export { USAGE }

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks)
}

export const nodeIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readFile: (path) => readFile(path),
  listDir: async (path) => {
    if (!(await stat(path).catch(() => null))?.isDirectory()) return null
    const entries = await readdir(path, { recursive: true, withFileTypes: true })
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
  },
  readStdin: () => readAll(process.stdin),
  stdinIsTty: Boolean(process.stdin.isTTY),
  stdoutIsTty: Boolean(process.stdout.isTTY),
  env: process.env,
}

export async function main(argv: string[], io: Io = nodeIo): Promise<number> {
  // Options every command takes, wherever they stand.
  const noColor = argv.includes('--no-color')
  const [command, ...rest] = argv.filter((a) => a !== '--no-color')
  const style = styleFor(io.stdoutIsTty, io.env, noColor)
  const isCommand = (c: string | undefined): c is Command => c !== undefined && Object.hasOwn(COMMAND_USAGE, c)
  try {
    if (isCommand(command) && (rest.includes('--help') || rest.includes('-h'))) {
      io.stdout(commandUsage(command))
      return EXIT.ok
    }
    switch (command) {
      case 'diagnose':
        return await diagnose(rest, io, style)
      case 'explain':
        return await explain(rest, io, style)
      case 'check':
        return await check(rest, io, style)
      case 'completion':
        io.stdout(completionScript(rest[0]))
        return EXIT.ok
      case '--version':
      case '-v':
      case 'version':
        io.stdout(`ekm-doctor ${VERSION}\n`)
        return EXIT.ok
      case 'help':
        if (isCommand(rest[0])) return main([rest[0], '--help'], io)
      // falls through: plain help
      case undefined:
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
      io.stderr(`ekm-doctor: ${(e as Error).message}\n\n${isCommand(command) ? commandUsage(command) : USAGE}`)
      return EXIT.usage
    }
    throw e
  }
}
