import t from 'tap'
import { portfolioList, readListQuery } from '../src/portfolio/portfolio-view.js'
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
