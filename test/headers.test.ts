import t from 'tap'
import { build, Browser, csrfToken, setCookies, VALID } from './helper.js'

t.test('CR/LF or odd bytes in a field never reach a header; Location is exactly the route', async (t) => {
  const browser = new Browser(await build(t))
  const token = csrfToken((await browser.get('/add_stock')).body)
  const before = browser.cookies.get('portfolio')
  for (const evil of ['A%0D%0ASet-Cookie:%20stolen=1', 'A%0ALocation:%20https://evil.example', '%00A', 'A%C0%80', 'A%E2%80%A8B']) {
    for (const field of ['stock_symbol', 'number_of_shares', 'purchase_price']) {
      const fields = new URLSearchParams({ ...VALID, _csrf: token })
      const body = fields.toString().replace(`${field}=${fields.get(field) as string}`, `${field}=${evil}`)
      const response = await browser.postRaw('/add_stock', body)
      t.equal(response.statusCode, 400, `${field} = ${evil}: 400`)
      t.equal(response.headers.location, undefined)
      t.equal(setCookies(response).size, 0)
      t.notMatch(JSON.stringify(response.headers), /stolen|evil\.example/)
    }
  }
  t.equal(browser.cookies.get('portfolio'), before)
  const saved = await browser.postRaw('/add_stock', new URLSearchParams({ ...VALID, _csrf: token }).toString(), { host: 'evil.example', 'x-forwarded-host': 'evil.example' })
  t.equal(saved.headers.location, '/stocks/', 'the Location does not follow the Host header')
})

t.test('the standalone server sends helmet\'s security headers on every response', async (t) => {
  const app = await build(t, { production: true })
  for (const url of ['/stocks/', '/add_stock', '/health', '/assets/portfolio.css', '/missing']) {
    const response = await app.inject(url)
    t.match(response.headers, {
      'content-security-policy': /^default-src 'self';/,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': /max-age=/,
      'cross-origin-opener-policy': 'same-origin'
    }, url)
    t.notMatch(response.headers['content-security-policy'], /unsafe|script-src|style-src|font-src/, 'scripts, styles and fonts fall back to default-src \'self\'')
    t.notOk('x-xss-protection' in response.headers || 'x-download-options' in response.headers, 'no header only retired browsers read')
  }
  const browser = new Browser(app)
  const form = await browser.get('/add_stock')
  const saved = await browser.postRaw('/add_stock', new URLSearchParams({ ...VALID, _csrf: csrfToken(form.body) }).toString())
  t.equal(saved.statusCode, 302)
  t.match(saved.headers, { 'strict-transport-security': /max-age=/, 'referrer-policy': 'no-referrer', 'cache-control': 'no-store', vary: 'Cookie' }, 'a redirect keeps what applies to the navigation and the cookie')
  for (const name of ['content-security-policy', 'x-frame-options', 'cross-origin-opener-policy', 'x-content-type-options']) {
    t.notOk(name in saved.headers, `a redirect, which has no document, has no ${name}`)
  }
  const development = await build(t)
  const page = await development.inject('/stocks/')
  t.notMatch(page.headers['content-security-policy'], 'upgrade-insecure-requests', 'plain HTTP keeps working in development')
  t.equal(page.headers['strict-transport-security'], undefined)
})
