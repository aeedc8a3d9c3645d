import t from 'tap'
import Fastify from 'fastify'
import stockPortfolio from '../src/index.js'
import { build, KEY_A } from './helper.js'
import { addStock, browserSkip, launch, person, rows, serve } from './browser-helper.js'

const skip = browserSkip()
// A real browser beside the rest of the suite took up to 25 s on a busy 2-core machine, far
// past tap's default 30 s once other work takes the cores too (docs/testing.md).
t.setTimeout(300_000)

t.test('the course scenario: two browsers, two portfolios', { skip }, async (t) => {
  const browser = await launch(t)
  const base = await serve(t, await build(t))
  const first = await person(browser)
  await addStock(first.page, base, 'AAPL', '15', '302.17')
  t.equal(new URL(first.page.url()).pathname, '/stocks/', 'redirected to the list')
  t.equal(await first.page.locator('h1').textContent(), 'List of Stocks')
  t.same(await rows(first.page), [['AAPL', '15', '$302.17', '$4,532.55']])

  const second = await person(browser)
  await addStock(second.page, base, 'SBUX', '100', '87.56')
  t.same(await rows(second.page), [['SBUX', '100', '$87.56', '$8,756.00']], 'the second browser sees only SBUX')

  await first.page.reload()
  t.same(await rows(first.page), [['AAPL', '15', '$302.17', '$4,532.55']], 'the first still sees only AAPL')
  t.same([...first.cspViolations, ...second.cspViolations], [], 'the pages satisfy the Content-Security-Policy')
  const style = await first.page.locator('tbody td:nth-child(2)').first().evaluate((cell) => getComputedStyle(cell).textAlign)
  t.equal(style, 'right', 'the stylesheet is applied: numbers are right-aligned')
})

t.test('server-side errors are shown when client-side checks are bypassed; focus on the first bad field', { skip }, async (t) => {
  const browser = await launch(t)
  const base = await serve(t, await build(t))
  const { page } = await person(browser)
  await page.goto(`${base}/add_stock`)
  await page.locator('form.stock-form').evaluate((form: HTMLFormElement) => { form.noValidate = true })
  await page.getByLabel('Stock Symbol').fill('<b>1X</b>')
  await page.getByLabel('Number of Shares').fill('1.5')
  await page.getByLabel('Purchase Price').fill('302.17')
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Add Stock' }).click()])
  t.equal(response.status(), 400)
  await page.waitForLoadState('load')
  t.equal(await page.getByLabel('Stock Symbol').inputValue(), '<b>1X</b>', 'the value entered is kept, as text')
  t.equal(await page.getByLabel('Number of Shares').inputValue(), '1.5')
  t.equal(await page.getByLabel('Stock Symbol').getAttribute('aria-invalid'), 'true')
  t.equal(await page.getByLabel('Purchase Price').getAttribute('aria-invalid'), null)
  t.match(await page.getByRole('alert').textContent(), 'Some values need fixing')
  t.equal(await page.evaluate(() => document.activeElement?.id), 'stock_symbol', 'focus is on the first bad field')
  const description = await page.getByLabel('Number of Shares').evaluate((input) =>
    (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' '))
  t.match(description, 'The number of shares is a whole number', 'the message is tied to its field')
  t.equal(await page.locator('b').count(), 0, 'nothing entered becomes markup')
})

t.test('flash once; remove one holding; clear them all', { skip }, async (t) => {
  const browser = await launch(t)
  const base = await serve(t, await build(t))
  const { page } = await person(browser)
  await addStock(page, base, 'AAPL', '15', '302.17')
  t.equal(await page.getByRole('status').textContent(), 'Added 15 shares of AAPL at $302.17.')
  await page.reload()
  t.equal(await page.getByRole('status').count(), 0, 'the flash is shown once')

  await addStock(page, base, 'SBUX', '100', '87.56')
  await addStock(page, base, 'MSFT', '3', '410')
  await page.getByRole('button', { name: 'Remove SBUX: 100 at $87.56' }).click()
  await page.waitForLoadState('load')
  t.equal(await page.getByRole('status').textContent(), 'Removed 100 shares of SBUX at $87.56.')
  t.same((await rows(page)).map((row) => row[0]), ['AAPL', 'MSFT'])

  await page.getByText('Clear the whole portfolio').click()
  await page.getByRole('button', { name: 'Clear portfolio' }).click()
  await page.waitForLoadState('load')
  t.equal(await page.getByRole('status').textContent(), 'Cleared the portfolio: removed 2 holdings.')
  t.equal(await page.locator('table').count(), 0)
  await page.getByRole('link', { name: 'Add a stock' }).last().click()
  t.equal(new URL(page.url()).pathname, '/add_stock', 'the empty state leads to the form')
})

t.test('under a prefix in a host app, every link, form and redirect stays under it', { skip }, async (t) => {
  const browser = await launch(t)
  const host = Fastify()
  host.get('/', async (_request, reply) => reply.type('text/html').send('<a href="/portfolio/stocks/">My portfolio</a>'))
  await host.register(stockPortfolio, { prefix: '/portfolio', key: KEY_A })
  const base = await serve(t, host)
  const { page } = await person(browser)
  await page.goto(base)
  await page.getByRole('link', { name: 'My portfolio' }).click()
  await page.getByRole('navigation').getByRole('link', { name: 'Add a stock' }).click()
  t.equal(new URL(page.url()).pathname, '/portfolio/add_stock')
  await addStock(page, `${base}/portfolio`, 'AAPL', '15', '302.17')
  t.equal(new URL(page.url()).pathname, '/portfolio/stocks/')
  t.same(await rows(page), [['AAPL', '15', '$302.17', '$4,532.55']])
  const cookies = await page.context().cookies()
  t.same(cookies.map((cookie) => [cookie.name, cookie.path, cookie.httpOnly, cookie.sameSite]), [['portfolio_portfolio', '/portfolio', true, 'Lax']])
  const style = await page.locator('tbody td:nth-child(2)').first().evaluate((cell) => getComputedStyle(cell).textAlign)
  t.equal(style, 'right', 'the stylesheet loads from under the prefix')
})

t.test('a prefix browsers percent-encode, and a host router that ignores case: portfolios are kept', { skip }, async (t) => {
  const browser = await launch(t)
  const host = Fastify({ routerOptions: { caseSensitive: false } })
  await host.register(stockPortfolio, { prefix: '/portföljen', key: KEY_A })
  await host.register(stockPortfolio, { prefix: '/portfolio', key: KEY_A })
  const base = await serve(t, host)
  const { page } = await person(browser)
  await addStock(page, `${base}/portföljen`, 'AAPL', '15', '302.17')
  t.equal(new URL(page.url()).pathname, '/portf%C3%B6ljen/stocks/')
  t.same((await rows(page)).map((row) => row[0]), ['AAPL'], 'kept under the encoded prefix')
  await addStock(page, `${base}/portfolio`, 'SBUX', '100', '87.56')
  await page.goto(`${base}/Portfolio/add_stock`)
  t.equal(new URL(page.url()).pathname, '/portfolio/add_stock', 'another case is sent to the prefix as registered')
  await page.goto(`${base}/portfolio/stocks/`)
  t.same((await rows(page)).map((row) => row[0]), ['SBUX'], 'and the portfolio there is untouched')
})
