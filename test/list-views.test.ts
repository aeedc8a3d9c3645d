import t, { type Test } from 'tap'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import Fastify from 'fastify'
import stockPortfolio from '../src/index.js'
import { build, Browser, csrfToken, KEY_A, tableRows } from './helper.js'

const PURCHASES = [['SBUX', '100', '87.56'], ['AAPL', '15', '302.17'], ['MSFT', '3', '410'], ['AAPL', '5', '290']] as const

async function withPurchases (browser: Browser, base = ''): Promise<Browser> {
  for (const [symbol, shares, price] of PURCHASES) {
    await browser.submit(`${base}/add_stock`, { stock_symbol: symbol, number_of_shares: shares, purchase_price: price })
  }
  await browser.get(`${base}/stocks/`)
  return browser
}

/** The sorted column's header and its aria-sort, as [label, aria-sort]. */
function sortedHeader (html: string): string[] {
  const match = /<th scope="col"[^>]* aria-sort="(\w+)"><a href="[^"]*">([^<]+)<\/a>/.exec(html)
  return match === null ? [] : [match[2] as string, match[1] as string]
}

t.test('the positions view: one row per symbol, exact average, cost, purchases, share of cost summing to 100.00', async (t) => {
  const browser = await withPurchases(new Browser(await build(t)))
  const page = (await browser.get('/stocks/?view=positions')).body
  t.match(page, '<a href="/stocks/?view=positions" aria-current="page">Positions</a>')
  t.match(page, '<table class="positions">')
  t.same(tableRows(page), [
    ['SBUX', '100', '$87.56', '$8,756.00', '1', '54.83%'],
    ['AAPL', '20', '$299.1275', '$5,982.55', '2', '37.47%'],
    ['MSFT', '3', '$410.00', '$1,230.00', '1', '7.70%'] // 54.8328 + 37.4646 + 7.7026: rounded 99.99, the missing hundredth to AAPL's largest remainder
  ])
  t.match(page, /<tfoot><tr><th scope="row" colspan="3">Total<\/th><td class="num">\$15,968.55<\/td><td class="num">4<\/td><td class="num">100.00%<\/td>/)
  t.notMatch(page, 'name="holding"', 'positions are read-only: no Remove buttons')
  const json = (await browser.get('/stocks/?view=positions', { accept: 'application/json' })).json()
  t.same(json.positions[1], { symbol: 'AAPL', shares: 20, averagePrice: '299.1275', cost: '5982.55', purchases: 2, share: '37.47' })
})

t.test('sorting: each header sorts by its column, again to turn round; aria-sort says how; unknown values fall back', async (t) => {
  const browser = await withPurchases(new Browser(await build(t)))
  const byCost = (await browser.get('/stocks/?sort=cost&dir=desc')).body
  t.same(tableRows(byCost).map((row) => row[3]), ['$8,756.00', '$4,532.55', '$1,450.00', '$1,230.00'])
  t.same(sortedHeader(byCost), ['Cost', 'descending'])
  t.match(byCost, '<a href="/stocks/?sort=cost&amp;dir=asc">Cost</a>', 'the sorted header turns the order round')
  t.match(byCost, '<a href="/stocks/?sort=symbol&amp;dir=asc">Stock Symbol</a>', 'the others sort ascending')
  const bySymbol = (await browser.get('/stocks/?sort=symbol')).body
  t.same(tableRows(bySymbol).map((row) => row.slice(0, 2)), [['AAPL', '15'], ['AAPL', '5'], ['MSFT', '3'], ['SBUX', '100']], 'ascending; equal symbols keep the order added')
  t.same(sortedHeader(bySymbol), ['Stock Symbol', 'ascending'])
  t.match(bySymbol, 'value="1 AAPL 15 302.17"', 'Remove still names the row by its place in the portfolio')
  const byPrice = tableRows((await browser.get('/stocks/?sort=price&dir=asc')).body).map((row) => row[2])
  t.same(byPrice, ['$87.56', '$290.00', '$302.17', '$410.00'])
  const byShares = tableRows((await browser.get('/stocks/?sort=shares&dir=desc')).body).map((row) => row[1])
  t.same(byShares, ['100', '15', '5', '3'])
  const positions = (await browser.get('/stocks/?view=positions&sort=share&dir=desc')).body
  t.same(tableRows(positions).map((row) => row[0]), ['SBUX', 'AAPL', 'MSFT'])
  t.same(sortedHeader(positions), ['Share of Cost', 'descending'])
  for (const [sort, first] of [['average', 'SBUX'], ['purchases', 'SBUX'], ['shares', 'MSFT'], ['cost', 'MSFT'], ['symbol', 'AAPL']]) {
    t.equal(tableRows((await browser.get(`/stocks/?view=positions&sort=${sort as string}`)).body)[0]?.[0], first, `positions by ${sort as string}`)
  }
  const added = tableRows((await browser.get('/stocks/')).body).map((row) => row[0])
  for (const query of ['sort=nope', 'sort=average', 'dir=sideways&sort=', 'view=everything', 'page=0', 'page=x', 'sort=cost&sort=symbol', 'view[]=positions']) {
    const response = await browser.get(`/stocks/?${query}`)
    t.equal(response.statusCode, 200, query)
    t.same(tableRows(response.body).map((row) => row[0]), added, `${query}: the default order`)
    t.same(sortedHeader(response.body), [], `${query}: nothing marked sorted`)
  }
})

t.test('long portfolios come in pages of 50, with links that keep the view and order', async (t) => {
  const browser = new Browser(await build(t))
  for (let i = 0; i < 120; i++) {
    await browser.submit('/add_stock', { stock_symbol: `S${String(i).padStart(3, '0')}`, number_of_shares: String(i + 1), purchase_price: '1' })
  }
  const first = (await browser.get('/stocks/')).body
  t.equal(tableRows(first).length, 50)
  t.match(first, '<nav class="pager" aria-label="Pages"><span>Rows 1 to 50 of 120</span><a href="/stocks/?page=2" rel="next">Next</a></nav>')
  const last = (await browser.get('/stocks/?sort=shares&dir=desc&page=3')).body
  t.same(tableRows(last).map((row) => row[0]), Array.from({ length: 20 }, (_, i) => `S${String(19 - i).padStart(3, '0')}`))
  t.match(last, '<a href="/stocks/?sort=shares&amp;dir=desc&amp;page=2" rel="prev">Previous</a><span>Rows 101 to 120 of 120</span></nav>')
  const second = (await browser.get('/stocks/?page=2')).body
  t.same(tableRows(second).map((row) => row[0]), Array.from({ length: 50 }, (_, i) => `S${String(50 + i).padStart(3, '0')}`), 'in the order added, the page asked for')
  t.match(second, '<button name="holding" value="50 S050 51 1"')
  t.match(second, '<span>Rows 51 to 100 of 120</span>')
  const third = (await browser.get('/stocks/?page=99')).body
  t.same(tableRows(third).length, 20, 'past the end: the last page')
  t.match(third, '<button name="holding" value="100 S100 101 1"', 'a later page\'s rows keep their places in the whole list')
  for (const page of [first, second, third]) t.match(page, '<th scope="row" colspan="3">Total</th><td class="num">$7,260.00</td>', 'every page has the whole portfolio\'s total')
  t.match(last, '<button name="holding" value="19 S019 20 1"', 'so do sorted rows')
  t.match(last, 'This removes all 120 holdings')
})

t.test('under a prefix, view, sort and page links stay under it', async (t) => {
  const app = Fastify()
  await app.register(stockPortfolio, { prefix: '/p', key: KEY_A })
  t.teardown(() => app.close())
  const page = (await (await withPurchases(new Browser(app), '/p')).get('/p/stocks/?view=positions')).body
  t.match(page, '<a href="/p/stocks/" >Purchases</a>'.replace(' >', '>'))
  t.match(page, '<a href="/p/stocks/?view=positions&amp;sort=cost&amp;dir=asc">Cost</a>')
  t.match(page, '<a href="/p/stocks/portfolio.csv">Export CSV</a>')
})

const JSON_ACCEPT = { accept: 'application/json' }
interface PortfolioJson {
  holdings: Array<{ symbol: string, shares: number, price: string, cost: string }>
  positions: Array<{ symbol: string, shares: number, averagePrice: string, cost: string, purchases: number, share: string }>
  count: number
  page: number
  pages: number
  total: string
}

/** A JSON answer's rows as the English page writes them (amounts here stay under $1,000). */
function asTableRows ({ holdings, positions }: PortfolioJson): string[][] {
  return [
    ...holdings.map(({ symbol, shares, price, cost }) => [symbol, String(shares), `$${price}`, `$${cost}`]),
    ...positions.map(({ symbol, shares, averagePrice, cost, purchases, share }) => [symbol, String(shares), `$${averagePrice}`, `$${cost}`, String(purchases), `${share}%`])
  ]
}

/** 130 purchases of 65 symbols, each bought twice: three pages of purchases, two of positions. */
async function longPortfolio (t: Test, browser: Browser): Promise<Browser> {
  const token = csrfToken((await browser.get('/add_stock')).body)
  let added = 0
  for (let i = 0; i < 130; i++) {
    const fields = { stock_symbol: `S${String(i % 65).padStart(2, '0')}`, number_of_shares: String(i + 1), purchase_price: i % 2 === 0 ? '1' : '1.5', _csrf: token }
    if ((await browser.postRaw('/add_stock', new URLSearchParams(fields).toString())).statusCode === 302) added++
  }
  t.equal(added, 130, '130 purchases added')
  return browser
}

t.test('the JSON is the list page as data: the same query gives the same rows, 50 a page, with count, page and pages', async (t) => {
  const browser = await longPortfolio(t, new Browser(await build(t)))
  for (const [query, page, pages] of [
    ['', 1, 3], ['page=2', 2, 3], ['sort=cost&dir=desc&page=2', 2, 3], ['sort=symbol&page=3', 3, 3], ['page=99', 3, 3],
    ['view=positions', 1, 2], ['view=positions&page=2', 2, 2], ['view=positions&sort=cost&dir=desc&page=2', 2, 2], ['view=positions&sort=share&page=9999', 2, 2]
  ] as const) {
    const html = await browser.get(`/stocks/?${query}`)
    const response = await browser.get(`/stocks/?${query}`, JSON_ACCEPT)
    t.equal(response.statusCode, 200, query)
    const json = response.json() as PortfolioJson
    t.same(asTableRows(json), tableRows(html.body), `${query}: the page's rows`)
    t.match(json, { count: 130, page, pages, total: '10660.00' }, `${query}: page ${page} of ${pages}`)
    const rows = query.startsWith('view=positions') ? 65 : 130
    const first = (page - 1) * 50 + 1
    t.match(html.body, `<span>Rows ${first} to ${Math.min(first + 49, rows)} of ${rows}</span>`, `${query}: the page says the same`)
  }
  const second = await browser.get('/stocks/?page=2', JSON_ACCEPT)
  t.same(second.json().holdings.slice(0, 2), [{ symbol: 'S50', shares: 51, price: '1.00', cost: '51.00' }, { symbol: 'S51', shares: 52, price: '1.50', cost: '78.00' }], 'page 2 starts with the 51st purchase')
  t.same(second.json().positions, [], 'the purchases view has no positions')
  const dearest = (await browser.get('/stocks/?sort=cost&dir=desc', JSON_ACCEPT)).json() as PortfolioJson
  const cheapest = (await browser.get('/stocks/?sort=cost&dir=desc&page=3', JSON_ACCEPT)).json() as PortfolioJson
  t.same([dearest.holdings[0], cheapest.holdings.at(-1)], [{ symbol: 'S64', shares: 130, price: '1.50', cost: '195.00' }, { symbol: 'S00', shares: 1, price: '1.00', cost: '1.00' }], 'sorted over the whole portfolio, not within a page')
  const positions = (await browser.get('/stocks/?view=positions&sort=symbol&dir=desc', JSON_ACCEPT)).json() as PortfolioJson
  t.same(positions.holdings, [], 'the positions view has no purchases')
  t.same(positions.positions[0], { symbol: 'S64', shares: 195, averagePrice: '1.3333', cost: '260.00', purchases: 2, share: '2.44' })
})

t.test('a malformed or unknown query gives the JSON of the defaults, never an error', async (t) => {
  const browser = await longPortfolio(t, new Browser(await build(t)))
  const defaults = (await browser.get('/stocks/', JSON_ACCEPT)).body
  t.match(JSON.parse(defaults), { page: 1, pages: 3, positions: [] })
  for (const query of ['page=0', 'page=-1', 'page=x', 'page=', 'page=1.5', 'page=2e0', 'page=02', 'page=99999', 'page=2&page=3', 'page[]=2', 'sort=nope', 'sort=average', 'dir=sideways', 'view=everything', 'view=Positions', 'view[]=positions', 'view=positions&view=positions', 'page=%zz', '%E0%A4%A=1', '__proto__[page]=2', 'constructor[prototype][page]=2', '&&=&']) {
    const response = await browser.get(`/stocks/?${query}`, JSON_ACCEPT)
    t.equal(response.statusCode, 200, query)
    t.equal(response.body, defaults, `${query}: the defaults`)
  }
  await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('view', 'sort', 'dir', 'page', 'page[]', '__proto__', ''), fc.oneof(fc.constantFrom('positions', 'cost', 'desc', '2', '3', '9999'), fc.string({ maxLength: 8 }))), { maxLength: 5 }), async (pairs) => {
    const query = pairs.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&')
    const [html, json] = await Promise.all([browser.get(`/stocks/?${query}`), browser.get(`/stocks/?${query}`, JSON_ACCEPT)])
    if (html.statusCode !== 200 || json.statusCode !== 200) throw new Error(`${html.statusCode}, ${json.statusCode} for ?${query}`)
    assert.deepEqual(asTableRows(json.json()), tableRows(html.body), `?${query}`)
  }), { numRuns: 150 })
  t.pass('150 random queries: the JSON and the page agree, never a 5xx')
})
