import t from 'tap'
import { mkdir } from 'node:fs/promises'
import { build } from './helper.js'
import { addStock, axeViolations, browserSkip, launch, person, rows, serve } from './browser-helper.js'

const skip = browserSkip()
// A real browser beside the rest of the suite took up to 25 s on a busy 2-core machine, far
// past tap's default 30 s once other work takes the cores too (docs/testing.md).
t.setTimeout(300_000)
const SCREENSHOTS = new URL('../docs/screenshots/', import.meta.url)

t.test('axe-core finds no violations: both pages, empty and full, and with an error shown', { skip }, async (t) => {
  const browser = await launch(t)
  const base = await serve(t, await build(t))
  const { page } = await person(browser)

  await page.goto(`${base}/stocks/`)
  t.same(await axeViolations(page), [], 'the empty list')
  await page.goto(`${base}/add_stock`)
  t.same(await axeViolations(page), [], 'the empty form')
  t.equal((await page.goto(`${base}/nowhere`))?.status(), 404)
  t.same(await axeViolations(page), [], 'an error page')

  await page.goto(`${base}/add_stock`)
  await page.locator('form.stock-form').evaluate((form: HTMLFormElement) => { form.noValidate = true })
  await page.getByRole('button', { name: 'Add Stock' }).click()
  await page.waitForLoadState('load')
  t.equal(await page.locator('[aria-invalid="true"]').count(), 3)
  t.same(await axeViolations(page), [], 'the form with errors shown')

  for (const [symbol, shares, price] of [['AAPL', '15', '302.17'], ['SBUX', '100', '87.56'], ['BRK.B', '1000000', '1.2345']] as const) {
    await addStock(page, base, symbol, shares, price)
  }
  t.same(await axeViolations(page), [], 'the list with holdings and a flash message')
  await page.setViewportSize({ width: 390, height: 760 })
  t.same(await axeViolations(page), [], 'the list at a phone width')
})

t.test('screenshots of both pages, desktop and phone, for the README', { skip }, async (t) => {
  const browser = await launch(t)
  const base = await serve(t, await build(t))
  await mkdir(SCREENSHOTS, { recursive: true })
  for (const [device, viewport] of [['desktop', { width: 1100, height: 720 }], ['phone', { width: 390, height: 760 }]] as const) {
    const { page } = await person(browser, { viewport, deviceScaleFactor: 1 })
    await addStock(page, base, 'AAPL', '15', '302.17')
    await addStock(page, base, 'SBUX', '100', '87.56')
    await addStock(page, base, 'BRK.B', '1000000', '1.2345')
    t.equal((await rows(page)).length, 3)
    await page.screenshot({ path: new URL(`stocks-${device}.png`, SCREENSHOTS).pathname, fullPage: true })
    t.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= viewport.width, `${device}: the list needs no sideways scrolling`)
    await page.goto(`${base}/add_stock`)
    await page.locator('form.stock-form').evaluate((form: HTMLFormElement) => { form.noValidate = true })
    await page.getByLabel('Stock Symbol').fill('AAPL')
    await page.getByLabel('Number of Shares').fill('1.5')
    await page.getByRole('button', { name: 'Add Stock' }).click()
    await page.waitForLoadState('load')
    await page.screenshot({ path: new URL(`add-stock-${device}.png`, SCREENSHOTS).pathname, fullPage: true })
    t.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= viewport.width, `${device}: the form needs no sideways scrolling`)
  }
})
