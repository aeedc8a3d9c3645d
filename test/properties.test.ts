import t from 'tap'
import fc from 'fast-check'
import { build, Browser, cookieBytes, csrfToken, setCookies } from './helper.js'
import { decodePortfolio, encodePortfolio } from '../src/portfolio/portfolio-codec.js'
import { COOKIE_LIMIT_BYTES } from '../plugins/cookie-size.js'
import type { Holding } from '../src/portfolio/holding.js'

const FIELDS = ['stock_symbol', 'number_of_shares', 'purchase_price', '_csrf']
const NASTY_KEYS = [...FIELDS, '__proto__', 'constructor', 'prototype', '__proto__[x]', 'constructor[prototype][x]', '', '%', '%E0%A4%A']

/** One urlencoded pair, raw: keys and values drawn from the form's own, hostile ones and anything at all. */
const pair = fc.tuple(
  fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string(), fc.string({ unit: 'binary' })),
  fc.oneof(
    fc.constantFrom('AAPL', '15', '302.17', '1e3', '0x10', '-1', '١٥', '１５', '99999999999999999999', 'NaN', '%', '%0D%0A', '%ZZ', '\r\n'),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.bigInt().map(String),
    fc.double().map(String)
  ),
  fc.boolean()
).map(([key, value, encode]) => encode ? `${encodeURIComponent(key)}=${encodeURIComponent(value)}` : `${key}=${value}`)

t.test('any form body: never a 5xx, and a refused one leaves the session byte for byte as it was', async (t) => {
  const app = await build(t)
  const browser = new Browser(app)
  await browser.submit('/add_stock', { stock_symbol: 'AAPL', number_of_shares: '15', purchase_price: '302.17' })
  const token = csrfToken((await browser.get('/add_stock')).body)
  const cookie = browser.cookies.get('portfolio') as string
  let saved = 0
  await fc.assert(fc.asyncProperty(fc.array(pair, { maxLength: 8 }), fc.boolean(), async (pairs, withToken) => {
    const body = [...pairs, ...(withToken ? [`_csrf=${token}`] : [])].join('&')
    const response = await app.inject({
      method: 'POST',
      url: '/add_stock',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `portfolio=${cookie}` },
      payload: body
    })
    if (response.statusCode >= 500) throw new Error(`${response.statusCode} for ${JSON.stringify(body)}`)
    if (response.statusCode === 302) {
      saved++
      return
    }
    if (response.statusCode < 400) throw new Error(`${response.statusCode} for ${JSON.stringify(body)}`)
    if (setCookies(response).size !== 0) throw new Error(`a refused body changed the session: ${JSON.stringify(body)}`)
    for (const name of Object.keys(response.headers)) {
      if (!/^[a-z-]+$/.test(name)) throw new Error(`a header name came from the body: ${name}`)
    }
  }), { numRuns: 400 })
  t.pass(`400 hostile bodies, ${saved} of them valid purchases`)
  t.equal(({} as Record<string, unknown>).x, undefined, 'no prototype was polluted')
})

const holding: fc.Arbitrary<Holding> = fc.record({
  symbol: fc.stringMatching(/^[A-Z][A-Z0-9.-]{0,9}$/),
  shares: fc.integer({ min: 1, max: 1_000_000_000 }),
  price: fc.integer({ min: 1, max: 10_000_000_000 })
})

t.test('any valid portfolio round-trips exactly through the session encoding', async (t) => {
  fc.assert(fc.property(fc.array(holding, { maxLength: 60 }), (holdings) => {
    const decoded = decodePortfolio(encodePortfolio(holdings))
    if (JSON.stringify(decoded) !== JSON.stringify(holdings)) {
      throw new Error('did not round-trip')
    }
  }), { numRuns: 500 })
  t.pass('500 portfolios')
})

t.test('whatever is added, the capacity check never lets the cookie past 4096 bytes', async (t) => {
  const app = await build(t)
  await fc.assert(fc.asyncProperty(fc.array(holding, { minLength: 150, maxLength: 320 }), async (holdings) => {
    const browser = new Browser(app)
    const token = csrfToken((await browser.get('/add_stock')).body)
    let refused = 0
    for (const { symbol, shares, price } of holdings) {
      const fields = new URLSearchParams({ stock_symbol: symbol, number_of_shares: String(shares), purchase_price: (Number(price) / 10_000).toFixed(4), _csrf: token })
      const response = await browser.postRaw('/add_stock', fields.toString())
      if (response.statusCode === 409) refused++
      else if (response.statusCode !== 302) throw new Error(`${response.statusCode}`)
      const cookie = setCookies(response).get('portfolio')
      if (cookie !== undefined && cookieBytes(cookie) > COOKIE_LIMIT_BYTES) throw new Error(`a ${cookieBytes(cookie)}-byte cookie was sent`)
    }
    if (refused === 0) throw new Error('the portfolio never filled up')
  }), { numRuns: 8 })
  t.pass('8 portfolios filled past capacity')
})
