// The local server (`npm start`, wrangler dev) stays up for everyone when a client aborts mid-upload.
import { connect } from 'node:net'
import { expect, inject, it } from 'vitest'

const base = new URL(inject('baseURL'))

/** Starts a 100 KB upload, sends 5 KB of it, and hangs up. */
function abortedUpload(): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(Number(base.port), base.hostname, () => {
      socket.write(`POST /api/v1/diagnose HTTP/1.1\r\nHost: ${base.host}\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n${'x'.repeat(5000)}`)
      setTimeout(() => {
        socket.destroy()
        resolve()
      }, 200)
    })
    socket.on('error', () => resolve())
  })
}

it('keeps answering after clients abort their uploads', async () => {
  for (let i = 0; i < 3; i++) await abortedUpload()
  const res = await fetch(new URL('/api/v1/health', base), { signal: AbortSignal.timeout(10_000) })
  expect(res.status).toBe(200)
})
