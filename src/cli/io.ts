/** Where the CLI reads from and writes to; tests pass their own. */
export interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
  readFile: (path: string) => Promise<Uint8Array>
  /** Every file under a directory (recursively), or null when the path is not a directory. */
  listDir: (path: string) => Promise<string[] | null>
  readStdin: () => Promise<Uint8Array>
  stdinIsTty: boolean
  stdoutIsTty: boolean
  env: Record<string, string | undefined>
}

/** Exit codes shared by every command. */
/** 0 ok; 1 no match (diagnose, explain) or a failed check; 2 usage; 3 a check that decides could not be made. */
export const EXIT = { ok: 0, noMatch: 1, usage: 2, incomplete: 3 } as const

export class UsageError extends Error {}
