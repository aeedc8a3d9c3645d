import t from 'tap'
import Fastify from 'fastify'
import stockPortfolio from '../src/index.js'
import { build, Browser, csrfToken, KEY_A, setCookies, tableRows, VALID } from './helper.js'

t.test('GET /add_stock shows the form with labelled inputs and a CSRF token', async (t) => {
  const browser = new Browser(await build(t))
  const response = await browser.get('/add_stock')
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^text\/html/)
  const html = response.body
  t.match(html, '<form class="stock-form" method="post" action="/add_stock">')
  for (const [name, label] of [['stock_symbol', 'Stock Symbol'], ['number_of_shares', 'Number of Shares'], ['purchase_price', 'Purchase Price']]) {
    t.match(html, `<label for="${name}">${label}`, `${name} has its label`)
    t.match(html, new RegExp(`<input id="${name}" name="${name}"[^>]* required`), `${name} is required`)
  }
  t.match(html, /name="stock_symbol"[^>]* pattern="[^"]+" maxlength="10"/)
  t.match(html, /name="number_of_shares" type="number" inputmode="numeric"[^>]* min="1" max="1000000000" step="1"/)
  t.match(html, /name="purchase_price" type="number" inputmode="decimal"[^>]* min="0.0001" max="1000000" step="0.0001"/)
  t.match(csrfToken(html), /^[\w-]{20,}$/)
  t.ok(browser.cookies.has('portfolio'), 'the CSRF secret is kept in the session cookie')
})

t.test('a valid POST saves the holding and redirects (302) to /stocks/, which lists it', async (t) => {
  const browser = new Browser(await build(t))
  const response = await browser.submit('/add_stock', { stock_symbol: ' aapl ', number_of_shares: '15', purchase_price: '302.17' })
  t.equal(response.statusCode, 302)
  t.equal(response.headers.location, '/stocks/')
  t.equal(response.body, '')
  const list = await browser.get('/stocks/')
  t.equal(list.statusCode, 200)
  t.same(tableRows(list.body), [['AAPL', '15', '$302.17', '$4,532.55']])
})

t.test('the submitted fields are logged at debug, never the cookie or the token', async (t) => {
  const lines: string[] = []
  const app = Fastify({ logger: { level: 'debug', stream: { write: (line: string) => { lines.push(line) } } } })
  await app.register(stockPortfolio, { key: KEY_A })
  t.teardown(() => app.close())
  const browser = new Browser(app)
  const response = await browser.submit('/add_stock', VALID)
  t.equal(response.statusCode, 302)
  const entries = lines.map((line) => JSON.parse(line))
  const entry = entries.find((line) => line.msg === 'fastify-stock-portfolio: add_stock form received')
  t.same(entry?.form, VALID)
  t.equal(entry?.level, 20, 'at debug level')
  t.notMatch(lines.join(''), browser.cookies.get('portfolio') as string, 'the cookie is never logged')
})

t.test('invalid values: 400, the form again with a message beside each bad field and the values as entered', async (t) => {
  const browser = new Browser(await build(t))
  await browser.submit('/add_stock', VALID)
  const cookieBefore = browser.cookies.get('portfolio')
  const response = await browser.submit('/add_stock', { stock_symbol: '<b>1x</b>', number_of_shares: '1.5', purchase_price: '302.17' })
  t.equal(response.statusCode, 400)
  t.match(response.body, 'Some values need fixing; nothing was saved.')
  t.match(response.body, 'value="&lt;b&gt;1x&lt;/b&gt;"', 'the symbol is kept, escaped')
  t.notMatch(response.body, '<b>1x</b>')
  t.match(response.body, 'value="1.5"')
  t.match(response.body, 'value="302.17"')
  t.match(response.body, /id="stock_symbol"[^>]*aria-describedby="stock_symbol-error stock_symbol-hint" aria-invalid="true" autofocus>/)
  t.match(response.body, /id="number_of_shares"[^>]*aria-invalid="true">/)
  t.notMatch(response.body, /id="purchase_price"[^>]*aria-invalid/)
  t.match(response.body, 'id="stock_symbol-error">A stock symbol is a letter')
  t.match(response.body, 'id="number_of_shares-error">The number of shares is a whole number')
  t.equal(setCookies(response).size, 0, 'no Set-Cookie: the session is exactly as it was')
  t.equal(browser.cookies.get('portfolio'), cookieBefore)
  t.same(tableRows((await browser.get('/stocks/')).body), [['AAPL', '15', '$302.17', '$4,532.55']])
})

t.test('malformed bodies are 4xx, never 5xx, and never change the session', async (t) => {
  const browser = new Browser(await build(t))
  const token = csrfToken((await browser.get('/add_stock')).body)
  const cookie = browser.cookies.get('portfolio')
  const good = `stock_symbol=AAPL&number_of_shares=15&purchase_price=302.17&_csrf=${token}`
  const cases: Array<[string, string, number]> = [
    ['an unknown field', `${good}&admin=1`, 400],
    ['a repeated field', `${good}&stock_symbol=SBUX`, 400],
    ['__proto__', `${good}&__proto__=x`, 400],
    ['__proto__[polluted]', `${good}&__proto__%5Bpolluted%5D=1`, 400],
    ['constructor', `${good}&constructor=x`, 400],
    ['an exponent', good.replace('number_of_shares=15', 'number_of_shares=1e3'), 400],
    ['a hex number', good.replace('purchase_price=302.17', 'purchase_price=0x10'), 400],
    ['unicode digits', good.replace('number_of_shares=15', 'number_of_shares=%D9%A1%D9%A5'), 400],
    ['fullwidth digits', good.replace('purchase_price=302.17', 'purchase_price=%EF%BC%93'), 400],
    ['broken percent-encoding', good.replace('stock_symbol=AAPL', 'stock_symbol=%E0%A4%A'), 400],
    ['a field far too long', good.replace('stock_symbol=AAPL', `stock_symbol=${'A'.repeat(2000)}`), 400],
    ['no fields but the token', `_csrf=${token}`, 400],
    ['a repeated token', `${good}&_csrf=${token}`, 403]
  ]
  for (const [name, payload, status] of cases) {
    const response = await browser.postRaw('/add_stock', payload)
    t.equal(response.statusCode, status, `${name}: ${status}`)
    t.equal(setCookies(response).size, 0, `${name}: the session is untouched`)
  }
  t.equal(browser.cookies.get('portfolio'), cookie)
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was polluted')
  const unknown = await browser.postRaw('/add_stock', `${good}&admin=%3Cscript%3E`)
  t.match(unknown.body, 'The form arrived with fields it does not have, or with a field twice.')
  t.match(unknown.body, 'value="AAPL"', 'the values entered are kept')
  const repeated = await browser.postRaw('/add_stock', `${good}&stock_symbol=SBUX`)
  t.match(repeated.body, 'with a field twice')
  t.match(repeated.body, 'value="AAPL"', 'a repeated field shows the first value entered')
  t.match(repeated.body, 'value="15"')
  const tooLong = await browser.postRaw('/add_stock', good.replace('stock_symbol=AAPL', `stock_symbol=${'A'.repeat(2000)}`))
  t.match(tooLong.body, 'A stock symbol is a letter followed by up to 9 letters', 'a value too long is named beside its field')
  t.match(tooLong.body, `value="${'A'.repeat(2000)}"`, 'and kept')
  t.same(tableRows((await browser.get('/stocks/')).body), [])
})

t.test('CSRF: a missing, forged or foreign token is 403 and saves nothing; the form keeps what was typed', async (t) => {
  const app = await build(t)
  const alice = new Browser(app)
  const mallory = new Browser(app)
  const aliceToken = csrfToken((await alice.get('/add_stock')).body)
  const malloryToken = csrfToken((await mallory.get('/add_stock')).body)
  const fields = 'stock_symbol=AAPL&number_of_shares=15&purchase_price=302.17'
  for (const [name, payload] of [['no token', fields], ['a forged token', `${fields}&_csrf=forged`], ["another browser's token", `${fields}&_csrf=${malloryToken}`]]) {
    const response = await alice.postRaw('/add_stock', payload as string)
    t.equal(response.statusCode, 403, `${name}: 403`)
    t.match(response.body, 'This form had expired, so nothing was saved.')
    t.match(response.body, 'value="AAPL"', 'the values typed are shown again')
    t.equal(setCookies(response).size, 0, 'the session is untouched')
    const resent = await alice.postRaw('/add_stock', `${fields}&_csrf=${csrfToken(response.body)}`)
    t.equal(resent.statusCode, 302, `${name}: the form shown again is taken`)
  }
  t.same(tableRows((await alice.get('/stocks/')).body).map(([symbol]) => symbol), ['AAPL', 'AAPL', 'AAPL'], 'one purchase for each form sent again, none for the refused ones')
  const empty = await alice.postRaw('/add_stock', '')
  t.equal(empty.statusCode, 403, 'an empty body: 403')
  t.match(empty.body, /name="stock_symbol"[^>]* value=""/, 'with the form empty')
  const cookieless = new Browser(app)
  const refused = await cookieless.postRaw('/add_stock', `${fields}&_csrf=${aliceToken}`)
  t.equal(refused.statusCode, 403, 'a valid token without its session (an expired one): 403')
  t.match(refused.body, 'value="302.17"')
  t.equal((await cookieless.postRaw('/add_stock', `${fields}&_csrf=${csrfToken(refused.body)}`)).statusCode, 302, 'and the form shown again is taken: its token came with a new session')
})

t.test('bodies: 16 KiB is read, one byte more is 413; only urlencoded forms, anything else 415', async (t) => {
  const browser = new Browser(await build(t))
  const token = csrfToken((await browser.get('/add_stock')).body)
  const base = `stock_symbol=AAPL&number_of_shares=15&purchase_price=302.17&_csrf=${token}&pad=`
  const exact = base + 'x'.repeat(16384 - base.length)
  t.equal(Buffer.byteLength(exact), 16384)
  t.equal((await browser.postRaw('/add_stock', exact)).statusCode, 400, '16384 bytes are read (and the pad field refused)')
  const tooLarge = await browser.postRaw('/add_stock', exact + 'x')
  t.equal(tooLarge.statusCode, 413)
  t.match(tooLarge.body, 'The form was larger than 16 KiB')
  for (const type of ['application/json', 'multipart/form-data; boundary=x', 'text/plain']) {
    const response = await browser.postRaw('/add_stock', '{"stock_symbol":"AAPL"}', { 'content-type': type })
    t.equal(response.statusCode, 415, `${type}: 415`)
    t.match(response.body, 'accepts only forms sent as application/x-www-form-urlencoded')
  }
  t.same(tableRows((await browser.get('/stocks/')).body), [])
})
