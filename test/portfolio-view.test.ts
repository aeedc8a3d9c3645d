import t from 'tap'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { type ListWording, PAGE_SIZE, portfolioJson, portfolioList, readListQuery } from '../src/portfolio/portfolio-view.js'
import { toDecimalString } from '../src/portfolio/money.js'
import { formatShare } from '../src/portfolio/positions.js'
import { english } from './helper.js'

const AAPL = { symbol: 'AAPL', shares: 1500, price: 3_021_700 }

t.test('each row is its own purchase at its own place, the same purchase twice included', async (t) => {
  const holdings = [AAPL, { symbol: 'AAPL', shares: 1500, price: 2_900_000 }, AAPL, { symbol: 'AAPL', shares: 5, price: 3_021_700 }]
  const rows = portfolioList(holdings, '/stocks/', readListQuery({ sort: 'cost', dir: 'desc' }), english).purchaseRows
  t.same(rows.map(({ index, record, shares, price, cost }) => [index, record, shares, price, cost]), [
    [0, 'AAPL 1500 302.17', '1,500', '$302.17', '$453,255.00'],
    [2, 'AAPL 1500 302.17', '1,500', '$302.17', '$453,255.00'],
    [1, 'AAPL 1500 290', '1,500', '$290.00', '$435,000.00'],
    [3, 'AAPL 5 302.17', '5', '$302.17', '$1,510.85']
  ])
})

/** Amounts and numbers as the JSON writes them, so a list row and a JSON row compare as they are. */
const neutral: ListWording = {
  say: (key, values) => `${key} ${JSON.stringify(values)}`,
  money: (amount) => toDecimalString(amount),
  count: String,
  percent: formatShare,
  decimalMark: '.',
  currency: { code: 'USD', symbol: '$', name: 'US dollars' }
}

// A few symbols bought again and again, and many bought once: more than a page of each view.
const holding = fc.record({
  symbol: fc.oneof(fc.constantFrom('A', 'B', 'C'), fc.stringMatching(/^[A-Z]{1,2}$/)),
  shares: fc.integer({ min: 1, max: 1_000_000_000 }),
  price: fc.integer({ min: 1, max: 10_000_000_000 })
})
const query = fc.record({
  view: fc.constantFrom('purchases', 'positions', 'Positions', ''),
  sort: fc.constantFrom('symbol', 'shares', 'price', 'cost', 'average', 'purchases', 'share', 'nope'),
  dir: fc.constantFrom('asc', 'desc', 'down'),
  page: fc.oneof(fc.integer({ min: -1, max: 5 }).map(String), fc.string({ maxLength: 6 }), fc.constant(['2', '3']))
}, { requiredKeys: [] })

t.test('the JSON answers the rows of the list page the same query shows, and its page', async (t) => {
  let paged = 0
  fc.assert(fc.property(fc.array(holding, { maxLength: 160, size: 'max' }), query, (holdings, raw) => {
    const asked = readListQuery(raw)
    const json = portfolioJson(holdings, asked)
    const list = portfolioList(holdings, '/stocks/', asked, neutral)
    assert.deepEqual(json.holdings, list.purchaseRows.map(({ symbol, shares, price, cost }) => ({ symbol, shares: Number(shares), price, cost })))
    assert.deepEqual(json.positions, list.positionRows.map(({ symbol, shares, averagePrice, cost, purchases, share }) => ({ symbol, shares: Number(shares), averagePrice, cost, purchases, share })))
    assert.equal(json.count, holdings.length)
    assert.equal(json.total, list.total)
    const rows = list.positions ? new Set(holdings.map(({ symbol }) => symbol)).size : holdings.length
    assert.equal(json.pages, Math.max(1, Math.ceil(rows / PAGE_SIZE)))
    assert.equal(json.page, Math.min(asked.page, json.pages))
    if (json.pages === 1) {
      assert.equal(list.pager, undefined)
    } else {
      paged++
      const shown = json.holdings.length + json.positions.length
      const first = (json.page - 1) * PAGE_SIZE + 1
      assert.equal(list.pager?.label, `list.rows ${JSON.stringify({ first: String(first), last: String(first + shown - 1), count: String(rows) })}`)
    }
  }), { numRuns: 300 })
  t.ok(paged > 50, `300 portfolios and queries, ${paged} of them longer than a page`)
})
