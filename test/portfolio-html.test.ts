import t from 'tap'
import { purchaseRows, ROWS_KEPT } from '../src/portfolio/portfolio-html.js'
import type { Holding } from '../src/portfolio/holding.js'

const row = (index: number, symbol: string, shares: string, price: string, cost: string, record: string): string =>
  `<tr><td>${symbol}</td><td>${shares}</td><td>${price}</td><td>${cost}</td>` +
  `<td><button name="holding" value="${index} ${record}" aria-label="Remove ${symbol}: ${shares} at ${price}">Remove</button></td></tr>\n`

const at = (holdings: Holding[], first = 0): Array<{ holding: Holding, index: number }> =>
  holdings.map((holding, i) => ({ holding, index: first + i }))

// Rows are kept once written, by purchase: each must still be the row of its own purchase.
t.test('a row is its purchase\'s, at its own place, however many rows were written before', async (t) => {
  const aapl = { symbol: 'AAPL', shares: 1500, price: 3_021_700 }
  const expected = row(3, 'AAPL', '1,500', '$302.17', '$453,255.00', 'AAPL 1500 302.17')
  t.equal(purchaseRows(at([aapl], 3)), expected, 'written')
  t.equal(purchaseRows(at([aapl], 3)), expected, 'written again')
  t.equal(purchaseRows(at([aapl, aapl])), row(0, 'AAPL', '1,500', '$302.17', '$453,255.00', 'AAPL 1500 302.17') + row(1, 'AAPL', '1,500', '$302.17', '$453,255.00', 'AAPL 1500 302.17'),
    'the same purchase twice: two places')
  t.equal(purchaseRows(at([{ symbol: 'AAPL', shares: 1500, price: 2_900_000 }, { symbol: 'AAPL', shares: 5, price: 3_021_700 }])),
    row(0, 'AAPL', '1,500', '$290.00', '$435,000.00', 'AAPL 1500 290') + row(1, 'AAPL', '5', '$302.17', '$1,510.85', 'AAPL 5 302.17'),
    'the same symbol and shares at another price, and the same symbol and price with other shares')

  const many = Array.from({ length: ROWS_KEPT + 1 }, (_, i) => ({ symbol: 'MSFT', shares: i + 1, price: 10_000 }))
  const written = purchaseRows(at(many))
  t.equal(written.split('\n').length - 1, ROWS_KEPT + 1)
  t.ok(written.endsWith(row(ROWS_KEPT, 'MSFT', (ROWS_KEPT + 1).toLocaleString('en-US'), '$1.00', `$${(ROWS_KEPT + 1).toLocaleString('en-US')}.00`, `MSFT ${ROWS_KEPT + 1} 1`)),
    'the row written past the limit')
  t.equal(purchaseRows(at([aapl], 3)), expected, 'once the kept rows were dropped')
})
