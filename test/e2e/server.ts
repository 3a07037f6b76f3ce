// Starts the product as users run it — `wrangler dev` serving the built site and the API in
// workerd on 127.0.0.1 — for the browser tests, and stops it afterwards.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log()}`)
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`wrangler dev did not come up in 60 s:\n${log()}`)
}

export default async function setup(project: TestProject) {
  const port = await freePort()
  let output = ''
  const child = spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'], {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const baseURL = `http://127.0.0.1:${port}`
  await waitUntilUp(`${baseURL}/api/v1/health`, child, () => output)
  // If the server dies mid-run every later page load fails with ECONNREFUSED: say why once.
  let stopping = false
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`wrangler dev exited during the tests (code ${code}, signal ${signal}):\n${output}`)
  })
  project.provide('baseURL', baseURL)
  return () => {
    stopping = true
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // already gone
    }
  }
}
