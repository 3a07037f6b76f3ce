/** Limits that keep one client from holding or flooding the service. */
import type { MiddlewareHandler } from 'hono'
import { problem } from './problems.ts'

/** Cloudflare's Workers Rate Limiting binding. */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>
}

/** The binding's period (wrangler.jsonc), which is also how long a limited client waits. */
export const RATE_PERIOD_SECONDS = 60

/** 127.0.0.1, ::1 and their mapped forms: a local server does not limit its own machine. */
const LOOPBACK = /^(?:127\.|::1$|::ffff:127\.)/

/**
 * Per-client limit on an expensive route, keyed by the address Cloudflare's edge puts in
 * CF-Connecting-IP (clients cannot set it there). Without the binding or the header — a local
 * server, a test — nothing is limited.
 */
export function rateLimit(limiter: (env: unknown) => RateLimiter | undefined): MiddlewareHandler {
  return async (c, next) => {
    const binding = limiter(c.env)
    const client = c.req.header('cf-connecting-ip')
    if (binding && client && !LOOPBACK.test(client)) {
      const { success } = await binding.limit({ key: client })
      if (!success) {
        return problem(c, 'rate-limited', `Too many diagnose requests from this address. Retry after ${RATE_PERIOD_SECONDS} seconds.`, { 'Retry-After': String(RATE_PERIOD_SECONDS) })
      }
    }
    await next()
  }
}

/** How long a request may take to deliver its body, unless the BODY_TIMEOUT_MS variable says otherwise. */
export const BODY_TIMEOUT_MS = 10_000

/**
 * Answers 408 when the rest of the chain (reading the body first) has not finished in time: a
 * client that stalls mid-upload cannot hold the request open.
 */
export function bodyTimeout(ms: (env: unknown) => number): MiddlewareHandler {
  return async (c, next) => {
    const limit = ms(c.env)
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), limit)))
    try {
      if ((await Promise.race([next(), timedOut])) === 'timeout') {
        return problem(c, 'request-timeout', `The body did not arrive within ${limit / 1000} seconds.`)
      }
    } finally {
      clearTimeout(timer)
    }
  }
}
