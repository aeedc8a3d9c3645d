import t from 'tap'
import { appendHolding, decodePortfolio, encodePortfolio } from '../src/portfolio/portfolio-codec.js'
import { type Holding, totalCost } from '../src/portfolio/holding.js'

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

t.test('what a portfolio holds and costs comes from its decoded purchases, a malformed record neither counted nor costed', async (t) => {
  const holdings = decodePortfolio('AAPL 15 302.17,garbage,SBUX 100 87.56,lower 1 1,X 1 1')
  t.same(holdings, [AAPL, SBUX, { symbol: 'X', shares: 1, price: 10_000 }])
  t.equal(totalCost(holdings), 45_325_500 + 87_560_000 + 10_000)
  t.same(decodePortfolio(undefined), [])
  t.equal(totalCost([]), 0)
  t.equal(totalCost(decodePortfolio('BIG 1000000000 1000000,BIG 1000000000 1000000')), 20_000_000_000_000_000_000n, 'a total past 2^53 is exact')
})
