import t from 'tap'
import { appendHolding, countPortfolio, decodePortfolio, encodePortfolio, readPortfolio } from '../src/portfolio/portfolio-codec.js'
import type { Holding } from '../src/portfolio/holding.js'

const AAPL: Holding = { symbol: 'AAPL', shares: 15, price: 3021700 }
const SBUX: Holding = { symbol: 'SBUX', shares: 100, price: 875600 }
const ODD: Holding = { symbol: 'BRK.B-X', shares: 1_000_000_000, price: 1 }

t.test('a portfolio is one compact string and reads back exactly', async (t) => {
  t.equal(encodePortfolio([AAPL, SBUX]), 'AAPL 15 302.17,SBUX 100 87.56')
  t.same(decodePortfolio(encodePortfolio([AAPL, SBUX, ODD])), [AAPL, SBUX, ODD])
  t.same(decodePortfolio(''), [])
  t.equal(encodePortfolio([{ symbol: 'X', shares: 1, price: 150000 }]), 'X 1 15')
})

t.test('appending keeps the order of purchases, the same symbol twice included', async (t) => {
  const encoded = appendHolding(appendHolding(appendHolding('', AAPL), SBUX), AAPL)
  t.same(decodePortfolio(encoded), [AAPL, SBUX, AAPL])
})

t.test('a record that does not parse is dropped, the rest kept', async (t) => {
  t.same(decodePortfolio('AAPL 15 302.17,garbage,lower 1 1,SBUX 0 1,SBUX 100 87.56'), [AAPL, SBUX])
  t.same(decodePortfolio('AAPL 15 302.17x,,SBUX 100 87.56,'), [SBUX], 'trailing characters, an empty record and a final comma')
  t.same(decodePortfolio('AAPL 15 302.17,SBUX 100 87.56 extra'), [AAPL], 'the last record malformed')
  t.same(decodePortfolio('X 1 0.0001,Y 2 3.5'), [{ symbol: 'X', shares: 1, price: 1 }, { symbol: 'Y', shares: 2, price: 35_000 }], 'fractions of one to four digits')
})

t.test('one page is read into purchases, and every purchase counted and costed', async (t) => {
  const encoded = encodePortfolio([AAPL, SBUX, ODD, AAPL])
  const total = 2 * 45_325_500 + 87_560_000 + 1_000_000_000
  t.same(readPortfolio(encoded, 1, 3), { holdings: [SBUX, ODD], count: 4, total })
  t.same(readPortfolio(encoded, 0, Infinity), { holdings: [AAPL, SBUX, ODD, AAPL], count: 4, total })
  t.same(readPortfolio(encoded, 4, 8), { holdings: [], count: 4, total }, 'past the end: no purchases, the count and total still')
  t.same(readPortfolio(undefined, 0, 50), { holdings: [], count: 0, total: 0 })
  t.equal(countPortfolio('AAPL 15 302.17,garbage,SBUX 100 87.56'), 2, 'a record that does not parse is not counted')
  t.equal(countPortfolio(undefined), 0)
  t.same(readPortfolio('', 0, 50), { holdings: [], count: 0, total: 0 })
  t.same(readPortfolio('AAPL 15 302.17,garbage,SBUX 100 87.56,lower 1 1,X 1 1', 1, 2), { holdings: [SBUX], count: 3, total: 45_325_500 + 87_560_000 + 10_000 },
    'a record that does not parse has no place and no cost')
  t.equal(readPortfolio('BIG 1000000000 1000000,BIG 1000000000 1000000', 0, 0).total, 20_000_000_000_000_000_000n, 'a total past 2^53 is exact')
})
