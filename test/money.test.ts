import t from 'tap'
import { add, multiply, parseMoney, toDecimalString, wholeUnits } from '../src/portfolio/money.js'
import { english } from './helper.js'

t.test('parseMoney reads plain decimals with up to four fractional digits', async (t) => {
  t.equal(parseMoney('302.17'), 3021700)
  t.equal(parseMoney('0.0001'), 1)
  t.equal(parseMoney('15'), 150000)
  t.equal(parseMoney('007.5'), 75000)
  for (const bad of ['', '.5', '5.', '1.23456', '1e3', '0x10', '-1', '+1', '1,000', ' 1', '١٢', '1.2.3', 'NaN']) {
    t.equal(parseMoney(bad), undefined, `refuses ${JSON.stringify(bad)}`)
  }
})

t.test('amounts are exact: three times 0.10 is 0.30', async (t) => {
  const dime = parseMoney('0.10') as number
  t.equal(toDecimalString(add(add(dime, dime), dime)), '0.30')
  t.equal(toDecimalString(multiply(1_000_000_000, wholeUnits(1_000_000))), '1000000000000000.00')
})

t.test('an amount is a Number while it is a safe integer and a BigInt past that, exact either way', async (t) => {
  const largest = Number.MAX_SAFE_INTEGER
  t.equal(multiply(3, 1000), 3000)
  t.equal(multiply(1_000_000_000, 10_000_000_000), 10_000_000_000_000_000_000n, 'a billion shares at a million each')
  t.equal(multiply(largest, 1), largest)
  t.equal(multiply(largest, 2), BigInt(largest) * 2n, 'past 2^53 a Number would round')
  t.equal(add(largest - 1, 1), largest)
  t.equal(add(largest, 2), BigInt(largest) + 2n, 'a sum past 2^53 becomes a BigInt')
  t.equal(add(1n, 2), 3n, 'a BigInt stays one')
  t.equal(add(2, 10n ** 20n), 10n ** 20n + 2n)
  t.equal(english.money(add(largest, 2)), '$900,719,925,474.0993')
  t.equal(english.money(largest), '$900,719,925,474.0991', 'the largest Number amount')
  t.equal(toDecimalString(largest - 991, 0), '900719925474')
})

t.test('toDecimalString keeps two decimals, or as few as asked, and never drops a digit that counts', async (t) => {
  t.equal(toDecimalString(0n), '0.00')
  t.equal(toDecimalString(3021700n), '302.17')
  t.equal(toDecimalString(12340n), '1.234')
  t.equal(toDecimalString(1n), '0.0001')
  t.equal(toDecimalString(150000n, 0), '15')
  t.equal(toDecimalString(1000n, 0), '0.1')
})

t.test('formatMoney writes amounts with separators and 2 to 4 decimals', async (t) => {
  t.equal(english.money(45325500n), '$4,532.55')
  t.equal(english.money(wholeUnits(1_000_000)), '$1,000,000.00')
  t.equal(english.money(12345n), '$1.2345')
  t.equal(english.money(0n), '$0.00')
})

t.test('formatCount groups thousands', async (t) => {
  t.equal(english.count(15), '15')
  t.equal(english.count(1_000_000_000), '1,000,000,000')
})
