/**
 * When an article last changed, from git (at build time; a fresh clone has the history). Nothing
 * when git or the history is not there: the page then shows no date rather than a wrong one.
 */
import { execFileSync } from 'node:child_process'

export function lastChanged(file: string): Date | undefined {
  try {
    const iso = execFileSync('git', ['log', '-1', '--format=%cI', '--', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    return iso ? new Date(iso) : undefined
  } catch {
    return undefined
  }
}
