import t, { type Test } from 'tap'
import { build, Browser, csrfToken, setCookies, tableRows } from './helper.js'

const PURCHASES = [
  { stock_symbol: 'AAPL', number_of_shares: '15', purchase_price: '302.17' },
  { stock_symbol: 'SBUX', number_of_shares: '100', purchase_price: '87.56' },
  { stock_symbol: 'AAPL', number_of_shares: '1', purchase_price: '0.1' }
]

async function withPortfolio (t: Test): Promise<Browser> {
  const browser = new Browser(await build(t))
  for (const purchase of PURCHASES) await browser.submit('/add_stock', purchase)
  await browser.get('/stocks/')
  return browser
}

/** What the browser sends for a click on row `index`'s Remove button. */
function removeForm (html: string, index: number): string {
  const button = [...html.matchAll(/<button name="holding" value="([^"]*)"/g)][index]?.[1] ?? ''
  return new URLSearchParams({ _csrf: csrfToken(html), holding: button }).toString()
}

t.test('each row has a Remove button that removes that purchase only, with a flash message', async (t) => {
  const browser = await withPortfolio(t)
  const page = (await browser.get('/stocks/')).body
  t.match(page, '<form class="table-wrap" method="post" action="/stocks/remove">')
  t.match(page, '<button name="holding" value="1 SBUX 100 87.56" aria-label="Remove SBUX: 100 at $87.56">Remove</button>')
  const response = await browser.postRaw('/stocks/remove', removeForm(page, 1))
  t.equal(response.statusCode, 302)
  t.equal(response.headers.location, '/stocks/')
  const after = (await browser.get('/stocks/')).body
  t.match(after, 'role="status">Removed 100 shares of SBUX at $87.56.</p>')
  t.same(tableRows(after).map((row) => row[0]), ['AAPL', 'AAPL'])
})

t.test('a stale Remove (the row changed in another tab) removes nothing and says so', async (t) => {
  const browser = await withPortfolio(t)
  const page = (await browser.get('/stocks/')).body
  await browser.postRaw('/stocks/remove', removeForm(page, 0))
  const stale = await browser.postRaw('/stocks/remove', removeForm(page, 0))
  t.equal(stale.statusCode, 302)
  const after = (await browser.get('/stocks/')).body
  t.match(after, 'Nothing was removed: that row had already changed.')
  t.same(tableRows(after).map((row) => row[0]), ['SBUX', 'AAPL'])
  const outOfRange = await browser.postRaw('/stocks/remove', removeForm(page, 2).replace('holding=2', 'holding=9'))
  t.equal(outOfRange.statusCode, 302)
  t.equal((await browser.postRaw('/stocks/remove', removeForm(page, 2).replace('holding=2', 'holding=9999'))).statusCode, 302, 'a 4-digit index past the rows: stale, not malformed')
  t.same(tableRows((await browser.get('/stocks/')).body).length, 2)
})

t.test('Clear removes every holding after an explicit second step, with a flash message', async (t) => {
  const browser = await withPortfolio(t)
  const page = (await browser.get('/stocks/')).body
  t.match(page, '<summary>Clear the whole portfolio</summary>')
  t.match(page, 'This removes all 3 holdings from this browser.')
  const response = await browser.postRaw('/stocks/clear', `_csrf=${csrfToken(page)}`)
  t.equal(response.statusCode, 302)
  t.equal(response.headers.location, '/stocks/')
  const after = (await browser.get('/stocks/')).body
  t.match(after, 'Cleared the portfolio: removed 3 holdings.')
  t.match(after, 'Your portfolio is empty.')
  await browser.submit('/add_stock', PURCHASES[0] as Record<string, string>)
  await browser.postRaw('/stocks/clear', `_csrf=${csrfToken((await browser.get('/stocks/')).body)}`)
  t.match((await browser.get('/stocks/')).body, 'Cleared the portfolio: removed 1 holding.')
})

t.test('on an empty portfolio remove finds nothing and clear removes nothing', async (t) => {
  const browser = new Browser(await build(t))
  const token = csrfToken((await browser.get('/add_stock')).body)
  t.equal((await browser.postRaw('/stocks/remove', `_csrf=${token}&holding=0+AAPL+15+302.17`)).statusCode, 302)
  t.match((await browser.get('/stocks/')).body, 'Nothing was removed: that row had already changed.')
  t.equal((await browser.postRaw('/stocks/clear', `_csrf=${token}`)).statusCode, 302)
  t.match((await browser.get('/stocks/')).body, 'Cleared the portfolio: removed 0 holdings.')
})

t.test('remove and clear refuse a missing or foreign token (403) and malformed forms (400), changing nothing', async (t) => {
  const browser = await withPortfolio(t)
  const other = new Browser(browser.app)
  const foreignToken = csrfToken((await other.get('/add_stock')).body)
  const page = (await browser.get('/stocks/')).body
  const good = removeForm(page, 0)
  const cases: Array<[string, string, string, number]> = [
    ['remove without a token', '/stocks/remove', good.replace(/_csrf=[^&]*&/, ''), 403],
    ['remove with a foreign token', '/stocks/remove', good.replace(/_csrf=[^&]*/, `_csrf=${foreignToken}`), 403],
    ['clear with a foreign token', '/stocks/clear', `_csrf=${foreignToken}`, 403],
    ['remove without the row', '/stocks/remove', `_csrf=${csrfToken(page)}`, 400],
    ['remove with a bad index', '/stocks/remove', good.replace('holding=0', 'holding=-1'), 400],
    ['remove with a 5-digit index', '/stocks/remove', good.replace('holding=0', 'holding=10000'), 400],
    ['remove with no row', '/stocks/remove', good.replace(/holding=[^&]*/, 'holding=0+'), 400],
    ['remove with two rows', '/stocks/remove', `${good}&holding=1+SBUX+100+87.56`, 400],
    ['remove with an extra field', '/stocks/remove', `${good}&all=1`, 400],
    ['clear with an extra field', '/stocks/clear', `_csrf=${csrfToken(page)}&x=1`, 400]
  ]
  for (const [name, url, payload, status] of cases) {
    const response = await browser.postRaw(url, payload)
    t.equal(response.statusCode, status, `${name}: ${status}`)
    t.equal(setCookies(response).size, 0, `${name}: the session is untouched`)
  }
  const malformed = await browser.postRaw('/stocks/remove', `_csrf=${csrfToken(page)}`)
  t.match(malformed.body, 'The form arrived incomplete or with fields it does not have. Nothing was changed.')
  t.same(tableRows((await browser.get('/stocks/')).body).length, 3)
})
