import t from 'tap'
import { readFile } from 'node:fs/promises'
import Fastify from 'fastify'
import stockPortfolio from '../src/index.js'
import { build, KEY_A } from './helper.js'
import { addStock, axeViolations, browserSkip, launch, person, rows, serve } from './browser-helper.js'

const skip = browserSkip()
// A real browser beside the rest of the suite took up to 25 s on a busy 2-core machine, far
// past tap's default 30 s once other work takes the cores too (docs/testing.md).
t.setTimeout(300_000)

t.test('positions, sorting, export and import in a real browser, under a prefix in a host app', { skip }, async (t) => {
  const browser = await launch(t)
  const host = Fastify()
  await host.register(stockPortfolio, { prefix: '/portfolio', key: KEY_A })
  const base = `${await serve(t, host)}/portfolio`
  const { page, context, cspViolations } = await person(browser, { acceptDownloads: true })
  for (const [symbol, shares, price] of [['SBUX', '100', '87.56'], ['AAPL', '15', '302.17'], ['MSFT', '3', '410'], ['AAPL', '5', '290']] as const) {
    await addStock(page, base, symbol, shares, price)
  }

  await Promise.all([page.waitForURL(/view=positions$/), page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Positions' }).click()])
  t.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/portfolio/stocks/?view=positions', 'the view switch is a link under the prefix')
  const positions = await page.locator('table.positions tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)))
  t.same(positions, [
    ['SBUX', '100', '$87.56', '$8,756.00', '1', '54.83%'],
    ['AAPL', '20', '$299.1275', '$5,982.55', '2', '37.47%'],
    ['MSFT', '3', '$410.00', '$1,230.00', '1', '7.70%']
  ])
  t.same(await axeViolations(page), [], 'axe: the positions view')

  await Promise.all([page.waitForURL(/\/stocks\/$/), page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Purchases' }).click()])
  await Promise.all([page.waitForURL(/sort=cost&dir=asc$/), page.getByRole('link', { name: 'Cost', exact: true }).click()])
  t.equal(await page.getByRole('columnheader', { name: 'Cost' }).getAttribute('aria-sort'), 'ascending')
  t.same((await rows(page)).map((row) => row[3]), ['$1,230.00', '$1,450.00', '$4,532.55', '$8,756.00'])
  await Promise.all([page.waitForURL(/sort=cost&dir=desc$/), page.getByRole('link', { name: 'Cost', exact: true }).click()])
  t.equal(await page.getByRole('columnheader', { name: 'Cost' }).getAttribute('aria-sort'), 'descending')
  t.same((await rows(page)).map((row) => row[0]), ['SBUX', 'AAPL', 'AAPL', 'MSFT'])
  t.same(await axeViolations(page), [], 'axe: a sorted list')

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()])
  t.match(download.suggestedFilename(), /^portfolio-\d{4}-\d{2}-\d{2}\.csv$/)
  const csv = await readFile(await download.path(), 'utf8')
  t.equal(csv, 'symbol,shares,price,cost\r\nSBUX,100,87.56,8756.00\r\nAAPL,15,302.17,4532.55\r\nMSFT,3,410.00,1230.00\r\nAAPL,5,290.00,1450.00\r\n')

  // Another browser: an empty portfolio. A bad file first, then the export.
  const other = await person(browser)
  await other.page.goto(`${base}/stocks/`)
  await other.page.getByRole('link', { name: 'Import', exact: true }).click()
  t.equal(new URL(other.page.url()).pathname, '/portfolio/stocks/import')
  await other.page.getByLabel('CSV file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('symbol,shares,price\nAAPL,1.5,302.17\n9X,1,1\n') })
  await Promise.all([other.page.waitForLoadState('load'), other.page.getByRole('button', { name: 'Import' }).click()])
  await other.page.waitForLoadState('load')
  t.match(await other.page.getByRole('alert').textContent(), 'Nothing was imported: the file has 2 problems.')
  t.same(await other.page.getByRole('alert').getByRole('listitem').allTextContents(), [
    'line 2: the number of shares is a whole number from 1 to 1,000,000,000',
    'line 3: a stock symbol is a letter followed by up to 9 letters, digits, dots or dashes, like AAPL or BRK.B'
  ])
  t.same(await axeViolations(other.page), [], 'axe: the import page with errors')

  await other.page.getByLabel('CSV file').setInputFiles({ name: 'portfolio.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await other.page.getByLabel('Replace the portfolio with them').check()
  await Promise.all([other.page.waitForLoadState('load'), other.page.getByRole('button', { name: 'Import' }).click()])
  await other.page.waitForLoadState('load')
  t.equal(new URL(other.page.url()).pathname, '/portfolio/stocks/')
  t.equal(await other.page.getByRole('status').textContent(), 'Imported 4 purchases, replacing the portfolio.')
  t.same(await rows(other.page), await (async () => { await page.goto(`${base}/stocks/`); return rows(page) })(), 'the same purchases in the same order')
  t.same([...cspViolations, ...other.cspViolations], [], 'the pages satisfy the Content-Security-Policy')
  await context.close()
})

t.test('the positions view on a phone: cards with their column names, no sideways scrolling', { skip }, async (t) => {
  const browser = await launch(t)
  const base = await serve(t, await build(t))
  const { page } = await person(browser, { viewport: { width: 390, height: 760 } })
  await addStock(page, base, 'AAPL', '15', '302.17')
  await addStock(page, base, 'AAPL', '1', '1')
  await page.goto(`${base}/stocks/?view=positions`)
  const label = await page.locator('table.positions tbody td').nth(2).evaluate((td) => getComputedStyle(td, '::before').content)
  t.equal(label, '"Average Price"')
  t.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390)
  t.same(await axeViolations(page), [], 'axe at phone width')
})
