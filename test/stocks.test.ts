import t from 'tap'
import { build, Browser, setCookies, tableRows } from './helper.js'

t.test('an empty portfolio says so and links to the form', async (t) => {
  const response = await new Browser(await build(t)).get('/stocks/')
  t.equal(response.statusCode, 200)
  t.same(response.cookies, [], 'a visit that shows no form writes no cookie')
  t.match(response.body, '<h1>List of Stocks</h1>')
  t.match(response.body, '<p>Your portfolio is empty.</p>')
  t.match(response.body, '<a href="/add_stock">Add a stock</a> to start it, or <a href="/stocks/import">import a CSV file</a>.')
  t.notMatch(response.body, '<table')
})

t.test('one row per purchase in the order added, with cost and an exact total', async (t) => {
  const browser = new Browser(await build(t))
  for (const [symbol, shares, price] of [['AAPL', '15', '302.17'], ['SBUX', '100', '87.56'], ['AAPL', '1', '0.1'], ['brk.b', '1000000', '1.2345']] as const) {
    const response = await browser.submit('/add_stock', { stock_symbol: symbol, number_of_shares: shares, purchase_price: price })
    t.equal(response.statusCode, 302)
  }
  const html = (await browser.get('/stocks/')).body
  for (const header of ['Stock Symbol', 'Number of Shares', 'Purchase Price', 'Cost']) {
    t.match(html, new RegExp(`<th scope="col"[^>]*><a href="/stocks/\\?sort=\\w+&amp;dir=asc">${header}</a></th>`), `column ${header}, a link that sorts by it`)
  }
  t.same(tableRows(html), [
    ['AAPL', '15', '$302.17', '$4,532.55'],
    ['SBUX', '100', '$87.56', '$8,756.00'],
    ['AAPL', '1', '$0.10', '$0.10'],
    ['BRK.B', '1,000,000', '$1.2345', '$1,234,500.00']
  ])
  t.match(html, /<th scope="row" colspan="3">Total<\/th>\s*<td class="num">\$1,247,788\.65<\/td>/)
})

t.test('money is exact: three holdings of 1 share at 0.10 total $0.30', async (t) => {
  const browser = new Browser(await build(t))
  for (let i = 0; i < 3; i++) {
    await browser.submit('/add_stock', { stock_symbol: 'DIME', number_of_shares: '1', purchase_price: '0.10' })
  }
  t.match((await browser.get('/stocks/')).body, /Total<\/th>\s*<td class="num">\$0\.30</)
  const json = (await browser.get('/stocks/', { accept: 'application/json' })).json()
  t.equal(json.total, '0.30')
})

t.test('Accept: application/json gives the portfolio as data; any other Accept the page', async (t) => {
  const browser = new Browser(await build(t))
  await browser.submit('/add_stock', { stock_symbol: 'AAPL', number_of_shares: '15', purchase_price: '302.17' })
  await browser.submit('/add_stock', { stock_symbol: 'SBUX', number_of_shares: '100', purchase_price: '87.5' })
  const response = await browser.get('/stocks/', { accept: 'application/json' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^application\/json/)
  t.match(response.headers.vary, /Accept/)
  t.same(response.json(), {
    holdings: [
      { symbol: 'AAPL', shares: 15, price: '302.17', cost: '4532.55' },
      { symbol: 'SBUX', shares: 100, price: '87.50', cost: '8750.00' }
    ],
    positions: [],
    count: 2,
    page: 1,
    pages: 1,
    total: '13282.55'
  })
  t.same((await browser.get('/stocks/?view=positions', { accept: 'application/json' })).json(), {
    holdings: [],
    positions: [
      { symbol: 'AAPL', shares: 15, averagePrice: '302.17', cost: '4532.55', purchases: 1, share: '34.12' },
      { symbol: 'SBUX', shares: 100, averagePrice: '87.50', cost: '8750.00', purchases: 1, share: '65.88' }
    ],
    count: 2,
    page: 1,
    pages: 1,
    total: '13282.55'
  }, 'the positions view: its rows, and no purchases')
  t.match((await browser.get('/stocks/', { accept: 'application/*' })).headers['content-type'], /^application\/json/, 'Accept application/*: JSON')
  t.match((await browser.get('/stocks/', { accept: 'text/html;q=0.5, Application/JSON' })).headers['content-type'], /^application\/json/, 'the preferred type wins, in any case')
  const navigation = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'
  for (const accept of ['text/html', '*/*', 'text/html,application/json;q=0.9', 'image/png', '', navigation]) {
    const page = await browser.get('/stocks/', { accept })
    t.match(page.headers['content-type'], /^text\/html/, `Accept ${JSON.stringify(accept)}: HTML`)
  }
  t.same((await new Browser(browser.app).get('/stocks/', { accept: 'application/json' })).json(), { holdings: [], positions: [], count: 0, page: 1, pages: 1, total: '0.00' }, 'empty: one empty page')
})

t.test('GET /stocks redirects to /stocks/, as Flask does; GET / too on the standalone server', async (t) => {
  const browser = new Browser(await build(t))
  const noSlash = await browser.get('/stocks')
  t.equal(noSlash.statusCode, 308)
  t.equal(noSlash.headers.location, '/stocks/')
  const root = await browser.get('/')
  t.equal(root.statusCode, 302)
  t.equal(root.headers.location, '/stocks/')
  t.match((await browser.get('/health')).json(), { status: 'ok', heapUsed: Number, rssBytes: Number, eventLoopDelay: Number })
})

t.test("two browsers are two users and never see each other's data (the chapter's scenario)", async (t) => {
  const app = await build(t)
  const chrome = new Browser(app)
  const firefox = new Browser(app)
  await chrome.submit('/add_stock', { stock_symbol: 'AAPL', number_of_shares: '15', purchase_price: '302.17' })
  await firefox.submit('/add_stock', { stock_symbol: 'SBUX', number_of_shares: '100', purchase_price: '87.56' })
  t.same(tableRows((await firefox.get('/stocks/')).body), [['SBUX', '100', '$87.56', '$8,756.00']])
  t.same(tableRows((await chrome.get('/stocks/')).body), [['AAPL', '15', '$302.17', '$4,532.55']])
})

t.test('a flash message tells what was added, once', async (t) => {
  const browser = new Browser(await build(t))
  await browser.submit('/add_stock', { stock_symbol: 'AAPL', number_of_shares: '15', purchase_price: '302.17' })
  const head = await browser.app.inject({ method: 'HEAD', url: '/stocks/', headers: { cookie: browser.cookieHeader() } })
  t.equal(head.statusCode, 200)
  t.equal(setCookies(head).size, 0, 'a HEAD shows no message, so it takes none')
  const first = await browser.get('/stocks/')
  t.match(first.body, 'role="status">Added 15 shares of AAPL at $302.17.</p>')
  t.notMatch((await browser.get('/stocks/')).body, 'Added 15 shares', 'shown once')
  await browser.submit('/add_stock', { stock_symbol: 'X', number_of_shares: '1', purchase_price: '1000000' })
  t.match((await browser.get('/stocks/')).body, 'Added 1 share of X at $1,000,000.00.')
})

t.test('pages that depend on the session are never stored by a shared cache', async (t) => {
  const browser = new Browser(await build(t))
  for (const url of ['/stocks/', '/add_stock']) {
    const response = await browser.get(url)
    t.equal(response.headers['cache-control'], 'no-store', `${url}: no-store`)
    t.match(response.headers.vary, /Cookie/, `${url}: Vary: Cookie`)
  }
  t.equal((await browser.get('/stocks/')).headers.vary, 'Accept, Accept-Language, Cookie')
})
