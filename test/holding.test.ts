import t from 'tap'
import { type FormErrors, holdingCost, parseHolding, type FormValues } from '../src/portfolio/holding.js'
import { formFields, formValues } from '../src/portfolio/add-stock-form.js'
import { english } from './helper.js'

/** The messages the form shows for a result's problems, in English. */
const messages = (values: FormValues, errors: FormErrors): Record<string, string | undefined> =>
  Object.fromEntries(formFields(english, values, errors).map((field) => [field.name, field.error]))

const form = (values: Partial<FormValues>): FormValues =>
  ({ stock_symbol: 'AAPL', number_of_shares: '15', purchase_price: '302.17', ...values })

t.test('a valid form becomes a holding: symbol trimmed and uppercased, exact price', async (t) => {
  t.same(parseHolding(form({ stock_symbol: '  brk.b ', number_of_shares: ' 007 ', purchase_price: '0.0001' })), {
    ok: true,
    holding: { symbol: 'BRK.B', shares: 7, price: 1 }
  })
  t.same(parseHolding(form({ stock_symbol: 'A', number_of_shares: '1000000000', purchase_price: '1000000' })), {
    ok: true,
    holding: { symbol: 'A', shares: 1_000_000_000, price: 10_000_000_000 }
  })
})

t.test('every bad field gets its own message', async (t) => {
  const result = parseHolding({ stock_symbol: '1AB', number_of_shares: '0', purchase_price: '0' })
  t.equal(result.ok, false)
  t.same(Object.keys(result.ok ? {} : result.errors).sort(), ['number_of_shares', 'purchase_price', 'stock_symbol'])
})

t.test('empty fields ask for a value', async (t) => {
  const values = { stock_symbol: ' ', number_of_shares: '', purchase_price: '' }
  const result = parseHolding(values)
  t.same(result, { ok: false, errors: { stock_symbol: 'missing', number_of_shares: 'missing', purchase_price: 'missing' } })
  t.same(messages(values, result.ok ? {} : result.errors), {
    stock_symbol: 'Enter a stock symbol.',
    number_of_shares: 'Enter the number of shares.',
    purchase_price: 'Enter the purchase price.'
  })
})

t.test('symbols: a letter, then up to nine letters, digits, dots or dashes', async (t) => {
  for (const bad of ['1ABC', '.A', 'ABCDEFGHIJK', 'AB CD', 'A_B', 'Ä', 'A<b>', 'A\r\nB']) {
    const result = parseHolding(form({ stock_symbol: bad }))
    t.same(result, { ok: false, errors: { stock_symbol: 'invalid' } }, `refuses ${JSON.stringify(bad)}`)
  }
  t.match(messages(form({}), { stock_symbol: 'invalid' }), { stock_symbol: /^A stock symbol is a letter followed by up to 9 letters/ })
  t.match(parseHolding(form({ stock_symbol: 'ABCDEFGHIJ' })), { ok: true })
})

t.test('shares: ASCII whole numbers from 1 to a billion', async (t) => {
  for (const bad of ['0', '1000000001', '1.5', '1e3', '0x10', '-5', '+5', '١٥', '１５', '99999999999999999999999', 'ten']) {
    t.same(parseHolding(form({ number_of_shares: bad })), { ok: false, errors: { number_of_shares: 'invalid' } }, `refuses ${JSON.stringify(bad)}`)
  }
  t.match(messages(form({}), { number_of_shares: 'invalid' }), { number_of_shares: 'The number of shares is a whole number from 1 to 1,000,000,000.' })
})

t.test('price: ASCII decimals above 0, at most a million, at most four decimals', async (t) => {
  for (const bad of ['0', '0.00', '1000000.0001', '1.23456', '1e2', '0x1', '-1', 'Infinity', '３', '1,000']) {
    t.same(parseHolding(form({ purchase_price: bad })), { ok: false, errors: { purchase_price: 'invalid' } }, `refuses ${JSON.stringify(bad)}`)
  }
  t.match(messages(form({}), { purchase_price: 'invalid' }), {
    purchase_price: 'The purchase price is a number of dollars above 0 and up to $1,000,000.00, with at most 4 decimals, like 302.17.'
  })
})

t.test('cost is shares times price, exactly', async (t) => {
  t.equal(holdingCost({ shares: 15, price: 3021700 }), 45325500, 'a Number while it is exact')
  t.equal(holdingCost({ shares: 1_000_000_000, price: 10_000_000_000 }), 10_000_000_000_000_000_000n, 'a BigInt past 2^53')
})

t.test('only ASCII whitespace is trimmed: Unicode spaces around a value are refused, not dropped', async (t) => {
  t.match(parseHolding(form({ stock_symbol: '\t aapl \r\n', number_of_shares: ' 15\n', purchase_price: '\f302.17 ' })), { ok: true, holding: { symbol: 'AAPL', shares: 15 } })
  for (const space of ['\u2009', '\u00a0', '\u3000', '\ufeff', '\u2028']) {
    const result = parseHolding(form({ stock_symbol: `${space}AAPL`, number_of_shares: `${space}1`, purchase_price: `1${space}` }))
    t.same(Object.keys(result.ok ? {} : result.errors).sort(), ['number_of_shares', 'purchase_price', 'stock_symbol'], `U+${space.codePointAt(0)?.toString(16)} is not trimmed`)
  }
})

t.test('formValues reads any body: strings as sent, a repeated field\'s first, nothing from what is no form', async (t) => {
  t.same(formValues({ stock_symbol: ['MSFT', 'IBM'], number_of_shares: 5, purchase_price: '2' }), { stock_symbol: 'MSFT', number_of_shares: '', purchase_price: '2' })
  const empty = { stock_symbol: '', number_of_shares: '', purchase_price: '' }
  for (const body of [undefined, null, 'stock_symbol=AAPL', 42]) t.same(formValues(body), empty, String(body))
})
