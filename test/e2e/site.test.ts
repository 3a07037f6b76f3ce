// The built site, served by the Worker, in a real Chromium.
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { leaked, SECRET_FORMS, WRAPPERS } from '../support/secrets.ts'
import { splitTerraform } from '../support/split-terraform.ts'
import { launch } from './browser.ts'

const base = inject('baseURL')
let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(async () => {
  page = await browser.newPage()
})

describe('article', () => {
  it('renders the template with its codes and aliases', async () => {
    await page.goto(`${base}/errors/aws-kms-key-disabled/`)
    await expect(page.locator('h1').textContent()).resolves.toContain('DisabledException')
    const meta = page.locator('.symptom-meta')
    await expect(meta.locator('code').first().textContent()).resolves.toBe('DisabledException')
    await expect(meta.locator('.aliases').textContent()).resolves.toMatch(/^Also searched as: /)
    // When the article last changed, from the repository's history.
    await expect(meta.locator('.last-changed time').getAttribute('datetime')).resolves.toMatch(/^\d{4}-\d{2}-\d{2}T/)
    // The third-party guide's word is marked as such and leads to the guide that corrects it.
    await expect(meta.locator('.guide-terms').textContent()).resolves.toContain('KeyDisabled')
    await expect(meta.locator('.guide-terms a').getAttribute('href')).resolves.toBe('/guides/common-misconceptions/')
    for (const heading of ['What you see', 'Why it happens', 'How to fix', 'Verify the fix', 'Related symptoms', 'Further reading']) {
      expect(await page.getByRole('heading', { level: 2, name: heading }).count(), heading).toBe(1)
    }
  })

  it('links its related symptoms', async () => {
    await page.goto(`${base}/errors/azure-keyvault-forbidden-rbac/`)
    const hrefs = await page.locator('ul.related-symptoms a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
    expect(hrefs).toContain('/errors/azure-service-principal-missing/')
  })

  it('lists every symptom in the error index, and filters it', async () => {
    await page.goto(`${base}/errors/`)
    const rows = page.locator('tr[data-filter-text]')
    expect(await rows.count()).toBeGreaterThanOrEqual(10)
    await page.fill('#error-filter', 'AADSTS7000229')
    const visible = page.locator('tr[data-filter-text]:visible')
    expect(await visible.count()).toBe(1)
    await expect(visible.locator('a').textContent()).resolves.toMatch(/service principal/i)
  })

  it('filters the error index by provider and stage', async () => {
    await page.goto(`${base}/errors/`)
    await page.selectOption('#provider-filter', 'gcp')
    const providers = await page.locator('tr[data-filter-text]:visible').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.provider))
    expect(providers.length).toBeGreaterThan(0)
    expect(new Set(providers)).toEqual(new Set(['gcp']))
    await page.selectOption('#stage-filter', 'permissions')
    const stages = await page.locator('tr[data-filter-text]:visible').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.stage))
    expect(new Set(stages)).toEqual(new Set(['permissions']))
  })

  it('fits the index table in its column at 1280 px and stacks each symptom as a card at 390 px', async () => {
    for (const [width, stacked] of [[1280, false], [390, true]] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 } })
      const p = await context.newPage()
      await p.goto(`${base}/errors/`)
      const fits = await p.evaluate(() => [...document.querySelectorAll('table.error-index')].every((t) => t.scrollWidth <= t.parentElement!.clientWidth + 1))
      expect(fits, `every table fits its column at ${width}`).toBe(true)
      expect(await p.locator('table.error-index tr[data-filter-text]').first().evaluate((tr) => getComputedStyle(tr).display)).toBe(stacked ? 'block' : 'table-row')
      expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
      await context.close()
    }
  })

  it('keeps the index filters in the URL, and opens a filtered link as filtered', async () => {
    await page.goto(`${base}/errors/`)
    await page.fill('#error-filter', 'AADSTS7000229')
    await page.selectOption('#provider-filter', 'azure')
    expect(new URL(page.url()).search).toBe('?q=AADSTS7000229&provider=azure')
    await page.goto(`${base}/errors/?q=PERMISSION_DENIED&provider=gcp`)
    expect(await page.inputValue('#error-filter')).toBe('PERMISSION_DENIED')
    const visible = await page.locator('tr[data-filter-text]:visible').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.provider))
    expect(visible.length).toBeGreaterThan(0)
    expect(new Set(visible)).toEqual(new Set(['gcp']))
  })
})

describe('search', () => {
  async function search(query: string) {
    await page.goto(`${base}/errors/`)
    await page.locator('button[data-open-modal]').click()
    const input = page.locator('#starlight__search .pagefind-ui__search-input')
    await input.waitFor()
    await input.fill(query)
    return input
  }

  it.each([
    ['ThrottlingException', '/errors/aws-kms-throttling/'],
    ['AADSTS7000229', '/errors/azure-service-principal-missing/'],
    ['ForbiddenByRbac', '/errors/azure-keyvault-forbidden-rbac/'],
  ])('jumps from the exact code %s to its article before fuzzy results', async (code, url) => {
    await search(code)
    const exact = page.locator('.exact-code a').first()
    await exact.waitFor()
    expect(await exact.getAttribute('href')).toBe(url)
    await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 10_000 })
    const aboveResults = await page.evaluate(() => {
      const box = document.querySelector('.exact-code')!
      const firstResult = document.querySelector('.pagefind-ui__result')!
      return Boolean(box.compareDocumentPosition(firstResult) & Node.DOCUMENT_POSITION_FOLLOWING)
    })
    expect(aboveResults).toBe(true)
    await page.locator('#starlight__search .pagefind-ui__search-input').press('Enter')
    await page.waitForURL(`**${url}`)
  })

  it('shows every meaning of a shared code, most likely first, and Enter opens the ranked choice', async () => {
    await search('KMSInvalidStateException')
    const box = page.locator('.exact-code')
    await box.locator('ol a').first().waitFor()
    expect(await box.locator('p').first().textContent()).toBe('“KMSInvalidStateException” has 3 meanings, most likely first:')
    expect(await box.locator('ol a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      '/errors/aws-kms-key-pending-deletion/', '/errors/aws-kms-key-invalid-state/', '/errors/aws-kms-custom-key-store/',
    ])
    expect(await box.locator('.tell').first().textContent()).toContain('PendingDeletion')
    await page.locator('#starlight__search .pagefind-ui__search-input').press('Enter')
    await page.waitForURL('**/codes/KMSInvalidStateException/')
  })

  it('walks the exact-code links and the results with the arrow keys, and back to the box', async () => {
    const input = await search('ThrottlingException')
    await page.locator('.exact-code a').first().waitFor()
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 10_000 })
    const focused = () => page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href') ?? document.activeElement?.tagName)
    await input.press('ArrowDown')
    expect(await focused()).toBe('/errors/aws-kms-throttling/')
    await page.keyboard.press('ArrowDown')
    const second = await focused()
    expect(second).toBe(await page.locator('.pagefind-ui__result-link').first().getAttribute('href'))
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('ArrowUp')
    expect(await focused()).toBe('INPUT')
  })

  it('finds articles by words through the Pagefind index', async () => {
    await search('service principal')
    const result = page.locator('.pagefind-ui__result-link').first()
    await result.waitFor({ timeout: 10_000 })
    expect(await page.locator('.pagefind-ui__result-link').count()).toBeGreaterThan(0)
  })
})

describe('code URLs', () => {
  it('ranks the meanings of a shared code on its page', async () => {
    await page.goto(`${base}/codes/PERMISSION_DENIED/`)
    expect(await page.locator('h1').textContent()).toBe('PERMISSION_DENIED: 2 meanings')
    expect(await page.locator('.code-meanings > li > a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['/errors/gcp-kms-permission-denied/', '/errors/gcp-impersonation-denied/'])
    expect(await page.locator('.code-meanings > li > p').first().textContent()).toContain('cloudkms.cryptoKeyVersions.useToEncrypt')
  })

  it('sends a code with one meaning to its article', async () => {
    await page.goto(`${base}/codes/ThrottlingException/`)
    await page.waitForURL('**/errors/aws-kms-throttling/')
    expect(await page.locator('h1').textContent()).toContain('ThrottlingException')
  })

  it('sends a guessed /errors/<code>/ to the code URL, and on', async () => {
    await page.goto(`${base}/errors/KMSInvalidStateException/`)
    await page.waitForURL('**/codes/KMSInvalidStateException/')
    await page.goto(`${base}/errors/AADSTS7000229/`)
    await page.waitForURL('**/errors/azure-service-principal-missing/')
  })
})

/** Opens a file on the diagnose page, diagnoses it, and returns its analysis once shown. */
async function openAndDiagnose(path: string, document: string) {
  await page.setInputFiles('#payload-file', path)
  await page.waitForFunction((text) => window.document.querySelector<HTMLTextAreaElement>('#payload')!.value === text, readFileSync(path, 'utf8'))
  await page.click('#diagnose-submit')
  const analysis = page.locator(`[data-analysis="${document}"]`)
  await analysis.waitFor()
  return analysis
}

describe('diagnose page', () => {
  it('diagnoses a pasted fixture and links the article', async () => {
    const fixture = readFileSync('content/errors/aws-kms-key-disabled/fixtures/match/boto3-encrypt-encryption-sdk.txt', 'utf8')
    await page.goto(`${base}/diagnose/`)
    const requests: string[] = []
    page.on('request', (r) => requests.push(r.url()))
    await page.fill('#payload', fixture)
    await page.click('#diagnose-submit')
    const card = page.locator('.diagnosis[data-symptom]').first()
    await card.waitFor()
    expect(await card.getAttribute('data-symptom')).toBe('aws-kms-key-disabled')
    expect(await card.locator('a').first().getAttribute('href')).toBe('/errors/aws-kms-key-disabled/')
    await expect(card.textContent()).resolves.toMatch(/confidence \d+%/)
    expect(await card.locator('.ruled-out li').count()).toBeGreaterThan(0)
    // The payload never travels in a URL.
    for (const url of [page.url(), ...requests]) expect(url).not.toContain('DisabledException')
  })

  it('checks a pasted trust policy against the org given as context, and shows every check', async () => {
    const policy = JSON.parse(readFileSync('test/fixtures/documents/aws/trust-policy-openai.json', 'utf8'))
    await page.goto(`${base}/diagnose/`)
    await page.fill('#payload', JSON.stringify(policy, null, 2))
    await page.locator('details.context summary').click()
    await page.fill('input[name="org"]', 'org-SomeOtherOrg000000000001')
    await page.click('#diagnose-submit')
    const analysis = page.locator('[data-analysis="aws-trust-policy"]')
    await analysis.waitFor()
    expect(await analysis.locator('li[data-status="fail"]').count()).toBe(1)
    expect(await analysis.locator('li[data-status="pass"]').count()).toBeGreaterThan(0)
    expect(await page.locator('.diagnosis[data-symptom]').first().getAttribute('data-symptom')).toBe('aws-assume-role-denied')
  })

  it('checks a CloudFormation template opened as a file: each finding on its resource and line, with the fix in YAML', async () => {
    await page.goto(`${base}/diagnose/`)
    const failed = (await openAndDiagnose('test/iac/faulty/14-aws-sign-verify-usage.yaml', 'cloudformation-template')).locator('li[data-status="fail"]')
    expect(await failed.count()).toBeGreaterThan(0)
    expect(await failed.first().getAttribute('data-resource')).toBeTruthy()
    expect(await failed.first().locator('small').textContent()).toMatch(/line \d+/)
    expect(await failed.first().locator('pre.check-fix').textContent()).toMatch(/^(?:KeySpec: SYMMETRIC_DEFAULT|KeyUsage: ENCRYPT_DECRYPT)$/m)
  })

  it('checks a .tf file opened on the page with Terraform\'s parser, fetched only then, and sends the code nowhere', async () => {
    const requests: string[] = []
    // The context sees the worker's requests too.
    page.context().on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`))
    await page.goto(`${base}/diagnose/`)
    await page.waitForLoadState('networkidle')
    expect(requests.filter((r) => /wasm|terraform|registry\.json/.test(r))).toEqual([])
    const path = 'test/iac/faulty/01-aws-rsa-key-spec.tf'
    const line = readFileSync(path, 'utf8').split('\n').findIndex((l) => l.startsWith('resource "aws_kms_key" "openai"')) + 1
    const failed = (await openAndDiagnose(path, 'terraform-source')).locator('li[data-status="fail"]')
    expect(await failed.count()).toBe(1)
    expect(await failed.getAttribute('data-resource')).toBe('aws_kms_key.openai')
    expect(await failed.locator('small').textContent()).toContain(`aws_kms_key.openai, line ${line}`)
    expect(await failed.locator('pre.check-fix').textContent()).toContain('customer_master_key_spec = "SYMMETRIC_DEFAULT"')
    expect(await page.locator('.diagnosis[data-symptom]').first().getAttribute('data-symptom')).toBe('aws-kms-wrong-key-type')
    expect(requests.filter((r) => /main\.wasm/.test(r))).toHaveLength(1)
    expect(requests.filter((r) => r.startsWith('POST'))).toEqual([])
    // The parser's licences are one link away from where it is offered.
    const notices = await fetch(new URL((await page.locator('.open-file a').getAttribute('href'))!, base))
    expect(notices.status).toBe(200)
    await expect(notices.text()).resolves.toContain('Mozilla Public License Version 2.0')
  })

  it('checks a correct .tf file dropped on the box: no findings', async () => {
    await page.goto(`${base}/diagnose/`)
    const text = readFileSync('content/iac/gcp/main.tf', 'utf8')
    const drop = await page.evaluateHandle((t) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([t], 'main.tf', { type: '' }))
      return transfer
    }, text)
    await page.dispatchEvent('#payload', 'drop', { dataTransfer: drop })
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('#payload')!.value.includes('google_kms_crypto_key'))
    await page.click('#diagnose-submit')
    const analysis = page.locator('[data-analysis="terraform-source"]')
    await analysis.waitFor()
    expect(await analysis.locator('li[data-status="pass"]').count()).toBeGreaterThan(5)
    expect(await analysis.locator('li[data-status="fail"]').count()).toBe(0)
    expect(await page.locator('.diagnosis[data-symptom]').count()).toBe(0)
  })

  it('checks the .tf files of one module opened together, naming the file and line of each finding', async () => {
    // The variant whose key policy names OpenAI's role, cut as teams lay a module out: the policy in kms.tf, the role in iam.tf.
    const { files, where } = splitTerraform(readFileSync('test/iac/faulty/04-aws-key-policy-openai-principal.tf', 'utf8'), (h) => (/^(?:terraform|provider)\b/.test(h) ? 'main.tf' : /aws_iam_|"role_arn"/.test(h) ? 'iam.tf' : 'kms.tf'))
    await page.goto(`${base}/diagnose/`)
    await page.setInputFiles('#payload-file', Object.entries(files).map(([name, text]) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) })))
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('#payload')!.value.startsWith('==> '))
    await page.click('#diagnose-submit')
    const analysis = page.locator('[data-analysis="terraform-source"]')
    await analysis.waitFor()
    const failed = analysis.locator('li[data-status="fail"][data-resource="aws_kms_key.openai"]').first()
    const at = where['aws_kms_key.openai']
    expect(await failed.locator('small').textContent()).toContain(`aws_kms_key.openai, ${at.file}:${at.line}`)
    expect(await page.locator('.diagnosis[data-symptom]').first().getAttribute('data-symptom')).toBe('aws-kms-access-denied-key-policy')
  })

  it('checks pasted Terraform source here once the API says it does not read it', async () => {
    await page.goto(`${base}/diagnose/`)
    await page.fill('#payload', readFileSync('test/iac/faulty/19-gcp-asymmetric-decrypt.tf', 'utf8'))
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/diagnose') && r.status() === 415)
    await page.click('#diagnose-submit')
    await refused
    const failed = page.locator('[data-analysis="terraform-source"] li[data-status="fail"]')
    await failed.first().waitFor()
    expect(await failed.first().getAttribute('data-resource')).toBe('google_kms_crypto_key.openai')
  })

  it('shows a family with the step that tells each member apart, and the index filtered to a provider', async () => {
    // An SNS delivery log relaying KMS's bare denial: https://github.com/aws/aws-cdk/issues/19796
    await page.goto(`${base}/diagnose/`)
    await page.fill('#payload', '{"ErrorCode":"KMS.AccessDeniedException","ErrorMessage":"null (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: bb4fbbce-7269-4a16-956a-51927600b6a0; Proxy: null)","sqsRequestId":"Unrecoverable"}')
    await page.click('#diagnose-submit')
    const family = page.locator('[data-family="aws-kms-access-denied"]')
    await family.waitFor()
    expect(await family.locator('.family-members li').count()).toBe(3)
    expect(await family.locator('.family-members li').first().getAttribute('data-symptom')).toBe('aws-kms-access-denied-key-policy')
    await page.goto(`${base}/errors/?provider=azure`)
    expect(await page.locator('#provider-filter').inputValue()).toBe('azure')
    expect(await page.locator('tr[data-provider="aws"]:visible').count()).toBe(0)
  })

  it('hands off to support: a ticket summary and a link without the payload, which opens the diagnosis', async () => {
    const fixture = readFileSync('content/errors/gcp-kms-permission-denied/fixtures/match/gcloud-kms-decrypt.txt', 'utf8')
    await page.goto(`${base}/diagnose/`)
    await page.fill('#payload', fixture)
    await page.click('#diagnose-submit')
    const ticket = page.locator('textarea.ticket')
    await ticket.waitFor()
    const markdown = await ticket.inputValue()
    expect(markdown).toContain(`${base}/errors/gcp-kms-permission-denied/`)
    expect(markdown).not.toContain(fixture.trim())
    const link = (await page.locator('a.share-link').getAttribute('href'))!
    expect(link).toContain('#ids=gcp-kms-permission-denied')
    const shared = await browser.newPage()
    await shared.goto(link)
    await shared.locator('[data-shared]').waitFor()
    expect(await shared.locator('.diagnosis[data-symptom]').first().getAttribute('data-symptom')).toBe('gcp-kms-permission-denied')
    const cause = shared.locator('.cause-links a').first()
    const href = (await cause.getAttribute('href'))!
    expect(href).toMatch(/^\/errors\/gcp-kms-permission-denied\/#cause-/)
    await cause.click()
    await shared.waitForURL(`**${href}`)
    expect(await shared.locator(`[id="${href.split('#')[1]}"]`).count()).toBe(1)
    await shared.close()
  })

  it('shows no secret form on the page, in the ticket or in the share link', async () => {
    const payload = [WRAPPERS[0], WRAPPERS[2]].flatMap((w) => SECRET_FORMS.map((f) => w.render(f))).join('\n\n')
    await page.goto(`${base}/diagnose/`)
    await page.fill('#payload', payload)
    await page.locator('details.context summary').click()
    await page.fill('input[name="org"]', SECRET_FORMS[16].value)
    await page.click('#diagnose-submit')
    await page.locator('textarea.ticket').waitFor()
    await page.fill('#payload', '') // what the user typed is theirs; what the page shows back must be clean
    const shown = [await page.locator('main').innerText(), await page.locator('textarea.ticket').inputValue(), (await page.locator('a.share-link').getAttribute('href')) ?? ''].join('\n')
    expect(SECRET_FORMS.map((f) => leaked(shown, f)).filter(Boolean)).toEqual([])
  })

  it('says clearly when nothing matched', async () => {
    await page.goto(`${base}/diagnose/`)
    await page.fill('#payload', '<html><head><title>504 Gateway Time-out</title></head><body>nginx</body></html>')
    await page.click('#diagnose-submit')
    await page.locator('[data-no-match]').waitFor()
    await expect(page.locator('[data-no-match]').textContent()).resolves.toContain('What to try')
  })

  it('renders a pasted HTML payload as text without executing it', async () => {
    await page.goto(`${base}/diagnose/`)
    let dialogs = 0
    page.on('dialog', async (d) => {
      dialogs++
      await d.dismiss()
    })
    await page.evaluate(() => ((window as unknown as { pwned: number }).pwned = 0))
    const payload = `An error occurred (DisabledException) when calling the Encrypt operation: <img src=x onerror="window.pwned=1;alert(1)"> is disabled.`
    await page.fill('#payload', payload)
    await page.click('#diagnose-submit')
    await page.locator('.diagnosis[data-symptom]').first().waitFor()
    await page.waitForTimeout(300)
    expect(await page.locator('#diagnose-result img').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { pwned: number }).pwned)).toBe(0)
    expect(dialogs).toBe(0)
    await expect(page.locator('#diagnose-result').textContent()).resolves.toContain('<img src=x onerror=')
  })

  it('fills the fix commands with what the payload named, as blocks that copy and fit a phone', async () => {
    const arn = 'arn:aws:kms:us-west-2:111122223333:key/ea9fe275-3667-4e16-8043-80a307cfb20b'
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base })
    const phone = await context.newPage()
    await phone.goto(`${base}/diagnose/`)
    await phone.fill('#payload', readFileSync('content/errors/aws-kms-key-disabled/fixtures/match/aws-cli-reencrypt-disabled.txt', 'utf8'))
    await phone.click('#diagnose-submit')
    const command = phone.locator('.diagnosis[data-symptom] .fix-steps .command').filter({ hasText: 'enable-key' }).first()
    await command.waitFor()
    expect(await command.locator('code').textContent()).toBe(`aws kms enable-key --key-id ${arn}`)
    await command.locator('button').click()
    await expect.poll(() => command.locator('button').textContent()).toBe('Copied')
    expect(await phone.evaluate(() => navigator.clipboard.readText())).toBe(`aws kms enable-key --key-id ${arn}`)
    // A long command scrolls inside its block; the page itself never scrolls sideways.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await context.close()
  })

  it('guides at 320 px: an example to try, the paste kept across a reload, phrases in their line, readable facts, a link that says it was copied', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 800 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base })
    const phone = await context.newPage()
    await phone.goto(`${base}/diagnose/`)
    await phone.selectOption('#example', { label: 'Google Cloud KMS: permission denied' })
    const card = phone.locator('.diagnosis[data-symptom="gcp-kms-permission-denied"]')
    await card.waitFor()
    expect(await phone.inputValue('#payload')).toContain("Permission 'cloudkms.cryptoKeyVersions.useToDecrypt' denied")
    // The matched part of a phrase is marked inside the rest of its line.
    const line = card.locator('.evidence .evidence-line').first()
    expect(await line.locator('mark').count()).toBe(1)
    expect((await line.textContent())!.length).toBeGreaterThan((await line.locator('mark').textContent())!.length)
    const labels = await phone.locator('dl.facts dt').allTextContents()
    expect(labels).toContain('What went wrong')
    for (const label of labels) expect(label, 'a fact label is words, not a field name').toMatch(/^[A-Z]/)
    await phone.locator('.hand-off button', { hasText: 'Copy link' }).click()
    await expect.poll(() => phone.locator('.hand-off [role="status"]').textContent()).toBe('Link to this diagnosis copied.')
    expect(await phone.evaluate(() => navigator.clipboard.readText())).toContain('/diagnose/#ids=gcp-kms-permission-denied')
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    // A reload keeps the paste (in this tab's session storage only); a new tab starts empty.
    await phone.fill('#payload', 'PERMISSION_DENIED kept across a reload')
    await phone.reload()
    expect(await phone.inputValue('#payload')).toBe('PERMISSION_DENIED kept across a reload')
    const other = await context.newPage()
    await other.goto(`${base}/diagnose/`)
    expect(await other.inputValue('#payload')).toBe('')
    await context.close()
  })

  it('diagnoses on Ctrl+Enter and takes focus to the result', async () => {
    await page.goto(`${base}/diagnose/`)
    await page.fill('#payload', readFileSync('content/errors/aws-kms-key-disabled/fixtures/match/aws-cli-reencrypt-disabled.txt', 'utf8'))
    await page.press('#payload', 'Control+Enter')
    await page.locator('.diagnosis[data-symptom]').first().waitFor()
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('diagnose-result')
  })
})

describe('error articles', () => {
  it('show the wrong document and the corrected one side by side at 1280 px, stacked at 390 px', async () => {
    for (const [width, sideBySide] of [[1280, true], [390, false]] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 } })
      const p = await context.newPage()
      await p.goto(`${base}/errors/aws-kms-access-denied-identity-policy/`)
      const pair = p.locator('.compare-pair').first()
      const [wrong, right] = await Promise.all(['.compare-wrong', '.compare-right'].map((s) => pair.locator(s).boundingBox()))
      expect(Math.abs(wrong!.y - right!.y) < 1, `side by side at ${width}`).toBe(sideBySide)
      expect(await pair.locator('.compare-wrong code').textContent()).toContain(':alias/')
      expect(await pair.locator('.compare-right code').textContent()).toContain(':key/')
      expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
      await context.close()
    }
  })

  it('open on a quick fix: the cause in a sentence and each command in a block to copy, at 1280 and 390 px', async () => {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } })
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base })
      const p = await context.newPage()
      await p.goto(`${base}/errors/aws-kms-key-disabled/`)
      const quick = p.locator('.quick-fix')
      expect(await quick.locator('h2').textContent()).toBe('Quick fix')
      // Under the title, before the article's own sections.
      expect(await p.evaluate(() => {
        const box = document.querySelector('.quick-fix')!
        const firstSection = document.querySelector('.sl-markdown-content h2')!
        return Boolean(box.compareDocumentPosition(firstSection) & Node.DOCUMENT_POSITION_FOLLOWING)
      })).toBe(true)
      const block = quick.locator('.expressive-code').filter({ hasText: 'enable-key' })
      expect((await block.locator('pre').textContent())?.trim()).toBe('aws kms enable-key --key-id <key-arn>')
      await block.locator('button').first().click()
      expect(await p.evaluate(() => navigator.clipboard.readText())).toBe('aws kms enable-key --key-id <key-arn>')
      if (width === 390) await p.screenshot({ path: '/tmp/quick-fix-390.png', fullPage: false })
      expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
      await context.close()
    }
  })
})

describe('site basics', () => {
  it('answers a guessed URL with a 404 that suggests the article it was after', async () => {
    const res = await page.goto(`${base}/errors/key-disabled`)
    expect(res?.status()).toBe(404)
    await page.locator('#suggestions a').first().waitFor()
    expect(await page.locator('#suggestions a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toContain('/errors/aws-kms-key-disabled/')
    await page.goto(`${base}/errors/gcp-kms-permision-denied/`)
    await page.locator('#suggestions a').first().waitFor()
    expect(await page.locator('#suggestions a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toContain('/errors/gcp-kms-permission-denied/')
    expect(await page.locator('main a[href="/diagnose/"]').count()).toBeGreaterThan(0)
  })

  it('serves the favicon every page links to', async () => {
    await page.goto(`${base}/errors/aws-kms-key-disabled/`)
    const href = await page.locator('link[rel~="icon"]').first().getAttribute('href')
    const res = await fetch(new URL(href!, base))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('image/svg+xml')
  })
})

