/** An in-memory Io for CLI tests: files and stdin from the test, output collected. */
import type { Io } from '../../src/cli/io.ts'

export function memoryIo(files: Record<string, string | Uint8Array> = {}, stdin = '', env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' }
  const io: Io = {
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
    readFile: async (path) => {
      const f = files[path]
      if (f === undefined) throw Object.assign(new Error(`${path}: not found`), { code: 'ENOENT' })
      return typeof f === 'string' ? new TextEncoder().encode(f) : f
    },
    listDir: async (path) => {
      const prefix = path.replace(/\/?$/, '/')
      const inside = Object.keys(files).filter((f) => f.startsWith(prefix))
      return inside.length ? inside.sort() : null
    },
    readStdin: async () => new TextEncoder().encode(stdin),
    stdinIsTty: false,
    stdoutIsTty: false,
    env,
  }
  return { io, out }
}
