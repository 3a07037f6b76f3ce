// The site's Content-Security-Policy in a real Chromium: every page works under it with no
// violation, and a script that was not built into the site is blocked and reported.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch } from './browser.ts'

const base = inject('baseURL')
let browser: Browser

beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

/** A page that records every CSP violation the browser reports. */
async function watchedPage(): Promise<Page> {
  const page = await browser.newPage()
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] }
    w.violations = []
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.effectiveDirective} ${e.blockedURI}`))
  })
  return page
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations)

describe('Content-Security-Policy', () => {
  it.each(['/', '/errors/', '/errors/aws-kms-key-disabled/', '/guides/api/', '/does-not-exist/'])('serves %s under the policy with no violation', async (path) => {
    const page = await watchedPage()
    const res = await page.goto(`${base}${path}`)
    expect(res!.headers()['content-security-policy']).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/)
    await page.waitForLoadState('networkidle')
    expect(await violations(page)).toEqual([])
    await page.close()
  })

  it('lets the diagnoser and the search (WebAssembly) run with no violation', async () => {
    const page = await watchedPage()
    await page.goto(`${base}/diagnose/`)
    await page.fill('#payload', 'An error occurred (DisabledException) when calling the Encrypt operation: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab is disabled.')
    await page.click('#diagnose-submit')
    await page.locator('.diagnosis[data-symptom]').first().waitFor()
    await page.locator('button[data-open-modal]').click()
    await page.locator('#starlight__search .pagefind-ui__search-input').fill('service principal')
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 10_000 })
    expect(await violations(page)).toEqual([])
    await page.close()
  })

  it('blocks and reports a script that is not part of the site', async () => {
    const page = await watchedPage()
    await page.goto(`${base}/diagnose/`)
    await page.evaluate(() => {
      const s = document.createElement('script')
      s.textContent = 'window.injected = 1'
      document.body.append(s)
    })
    await page.waitForFunction(() => (window as unknown as { violations: string[] }).violations.length > 0)
    expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined()
    expect((await violations(page))[0]).toMatch(/^script-src/)
    await page.close()
  })
})
