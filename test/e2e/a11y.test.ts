// axe (WCAG 2.2 AA) on every page of the sitemap, in light and dark mode, and no sideways scroll
// at 1280 or 390 px.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { launch } from './browser.ts'

const base = inject('baseURL')
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const pages = [...readFileSync('dist/sitemap-0.xml', 'utf8').matchAll(/<loc>https?:\/\/[^/]+(\/[^<]*)<\/loc>/g)].map((m) => m[1])

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

it('has pages to check', () => {
  expect(pages.length).toBeGreaterThan(10)
})

it.each(pages.flatMap((p) => [[p, 'light'], [p, 'dark']]))('%s (%s) has no axe violations', async (path, theme) => {
  // The audit injects axe as an inline script, which the site's CSP rightly blocks: bypass it for the audit only.
  const page = await browser.newPage({ bypassCSP: true, viewport: { width: 1280, height: 900 } })
  await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme)
  await page.goto(`${base}${path}`)
  await page.addScriptTag({ content: axeSource })
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)
  })
  const overflow: string[] = []
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 })
    if (await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)) overflow.push(`scrolls sideways at ${width} px`)
  }
  await page.close()
  expect(violations).toEqual([])
  expect(overflow).toEqual([])
})
