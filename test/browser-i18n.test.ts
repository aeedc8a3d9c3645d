import t from 'tap'
import { mkdir } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { build } from './helper.js'
import { axeViolations, browserSkip, launch, person, rows, serve } from './browser-helper.js'

const skip = browserSkip()
// A real browser beside the rest of the suite on two cores can pass tap's default 30 s.
t.setTimeout(120_000)
const SCREENSHOTS = new URL('../docs/screenshots/', import.meta.url)

/** Adds a purchase through the German form, typed as a German visitor types it. */
async function kaufen (page: Page, base: string, symbol: string, shares: string, price: string): Promise<void> {
  await page.goto(`${base}/add_stock`)
  await page.getByLabel('Börsenkürzel').fill(symbol)
  await page.getByLabel('Anzahl der Aktien').fill(shares)
  await page.getByLabel('Kaufpreis').fill(price)
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Aktie hinzufügen' }).click()])
  await page.waitForLoadState('load')
}

t.test('a browser that asks for German: every page German, axe-clean, prices typed with a comma', { skip }, async (t) => {
  const browser = await launch(t)
  const base = await serve(t, await build(t))
  const { page, cspViolations } = await person(browser, { locale: 'de-DE' })

  await page.goto(`${base}/stocks/`)
  t.equal(await page.locator('html').getAttribute('lang'), 'de')
  t.equal(await page.locator('h1').textContent(), 'Aktienliste')
  t.same(await axeViolations(page), [], 'the empty list')
  await page.goto(`${base}/stocks/import`)
  t.same(await axeViolations(page), [], 'the import page')
  t.equal((await page.goto(`${base}/nirgendwo`))?.status(), 404)
  t.equal(await page.locator('h1').textContent(), 'Seite nicht gefunden')
  t.same(await axeViolations(page), [], 'an error page')
  await page.goto(`${base}/add_stock`)
  t.same(await axeViolations(page), [], 'the empty form')
  await page.locator('form.stock-form').evaluate((form: HTMLFormElement) => { form.noValidate = true })
  await page.getByLabel('Kaufpreis').fill('1.234,56')
  await page.getByRole('button', { name: 'Aktie hinzufügen' }).click()
  await page.waitForLoadState('load')
  t.equal(await page.locator('[aria-invalid="true"]').count(), 3)
  t.match(await page.locator('#purchase_price-error').textContent(), 'ohne Tausenderpunkte, etwa 302,17.')
  t.same(await axeViolations(page), [], 'the form with errors shown')

  await kaufen(page, base, 'AAPL', '15', '302,17')
  t.equal(await page.getByRole('status').textContent(), '15 Aktien AAPL zu 302,17\u00a0$ hinzugefügt.')
  await kaufen(page, base, 'SBUX', '100', '87.56')
  await kaufen(page, base, 'BRK.B', '1000000', '1,2345')
  t.same(await rows(page), [
    ['AAPL', '15', '302,17\u00a0$', '4.532,55\u00a0$'],
    ['SBUX', '100', '87,56\u00a0$', '8.756,00\u00a0$'],
    ['BRK.B', '1.000.000', '1,2345\u00a0$', '1.234.500,00\u00a0$']
  ])
  t.same(await axeViolations(page), [], 'the list with holdings and a message')
  await page.getByRole('link', { name: 'Positionen' }).click()
  t.same(await axeViolations(page), [], 'the positions')
  await page.setViewportSize({ width: 390, height: 760 })
  t.same(await axeViolations(page), [], 'the positions at a phone width')
  t.same(cspViolations, [], 'the pages satisfy the Content-Security-Policy')
})

t.test('the switch: a button on every page, the choice kept across pages', { skip }, async (t) => {
  const browser = await launch(t)
  const base = await serve(t, await build(t))
  const { page } = await person(browser, { locale: 'de-DE' })
  await page.goto(`${base}/stocks/import`)
  await Promise.all([page.waitForURL(`${base}/stocks/import`), page.getByRole('button', { name: 'English' }).click()])
  t.equal(await page.locator('h1').textContent(), 'Import a Portfolio', 'back on the same page, in English')
  t.same(await axeViolations(page), [], 'the English page with its switch')
  await page.goto(`${base}/add_stock`)
  t.equal(await page.locator('html').getAttribute('lang'), 'en', 'the choice outlasts the page, against Accept-Language')
  await page.getByRole('button', { name: 'Deutsch' }).click()
  await page.waitForLoadState('load')
  t.equal(await page.locator('h1').textContent(), 'Aktie hinzufügen')
})

t.test('screenshots of the German list in euros, desktop and phone, for the README', { skip }, async (t) => {
  const browser = await launch(t)
  const base = await serve(t, await build(t, { currency: 'EUR' }))
  await mkdir(SCREENSHOTS, { recursive: true })
  for (const [device, viewport] of [['desktop', { width: 1100, height: 720 }], ['phone', { width: 390, height: 760 }]] as const) {
    const { page } = await person(browser, { viewport, deviceScaleFactor: 1, locale: 'de-DE' })
    await kaufen(page, base, 'AAPL', '15', '302,17')
    await kaufen(page, base, 'SBUX', '100', '87,56')
    await kaufen(page, base, 'BRK.B', '1000000', '1,2345')
    t.equal((await rows(page)).length, 3)
    await page.screenshot({ path: new URL(`stocks-${device}-de.png`, SCREENSHOTS).pathname, fullPage: true })
    t.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= viewport.width, `${device}: the German list needs no sideways scrolling`)
  }
})
