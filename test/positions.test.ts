import t from 'tap'
import fc from 'fast-check'
import { costShares, formatShare, positionsOf } from '../src/portfolio/positions.js'
import { divideHalfEven } from '../src/portfolio/money.js'
import type { Holding } from '../src/portfolio/holding.js'

const holding = (symbol: string, shares: number, price: number): Holding => ({ symbol, shares, price })

t.test('divideHalfEven rounds halves to the even neighbour', async (t) => {
  t.same([divideHalfEven(5n, 2n), divideHalfEven(7n, 2n), divideHalfEven(10n, 4n), divideHalfEven(11n, 4n), divideHalfEven(1n, 3n), divideHalfEven(2n, 3n)], [2n, 4n, 2n, 3n, 0n, 1n])
})

t.test('positions: one per symbol in the order first bought, exact totals and a cost-weighted average', async (t) => {
  const positions = positionsOf([
    holding('AAPL', 10, 1_000_000), // $100
    holding('SBUX', 1, 875_600),
    holding('AAPL', 30, 2_000_000), // $200
    holding('DIME', 3, 1)
  ])
  t.same(positions.map(({ symbol, shares, averagePrice, cost, purchases }) => ({ symbol, shares, averagePrice, cost, purchases })), [
    { symbol: 'AAPL', shares: 40, averagePrice: 1_750_000, cost: 70_000_000, purchases: 2 },
    { symbol: 'SBUX', shares: 1, averagePrice: 875_600, cost: 875_600, purchases: 1 },
    { symbol: 'DIME', shares: 3, averagePrice: 1, cost: 3, purchases: 1 }
  ])
  t.same(positionsOf([holding('X', 3, 1), holding('X', 1, 2)])[0]?.averagePrice, 1, '5 units over 4 shares is 1.25, rounded half-even to 1')
  t.same(positionsOf([]), [])
})

t.test('cost shares: rounded half-even to 0.01%, adjusted by largest remainder to sum to exactly 100.00', async (t) => {
  t.same(costShares([1n, 1n, 1n]), [3334, 3333, 3333], 'thirds: the hundredth missing goes to the first of equal remainders')
  t.same(costShares([2n, 1n]), [6667, 3333])
  t.same(costShares([1n]), [10000])
  t.same(costShares([1n, 1n, 1n, 1n, 1n, 1n]), [1666, 1666, 1667, 1667, 1667, 1667], 'sixths round up to 16.67 six times (100.02): two come off, from the first listed')
  t.same(costShares([]), [])
  t.equal(formatShare(3334), '33.34')
  t.equal(formatShare(10000), '100.00')
  t.equal(formatShare(5), '0.05')
  fc.assert(fc.property(fc.array(fc.bigInt({ min: 1n, max: 10n ** 19n }), { minLength: 1, maxLength: 60 }), (costs) => {
    const shares = costShares(costs)
    if (shares.reduce((sum, share) => sum + share, 0) !== 10000) throw new Error(`sum ${shares.join('+')}`)
    const total = costs.reduce((sum, cost) => sum + cost, 0n)
    // Each share is within one hundredth of its exact value.
    costs.forEach((cost, i) => {
      const exact = Number(cost * 1_000_000n / total) / 100
      if (Math.abs(exact - (shares[i] as number)) > 1.0001) throw new Error(`share ${i}: ${shares[i]} for ${exact}`)
    })
  }), { numRuns: 300 })
  t.pass('300 portfolios sum to 100.00')
})
