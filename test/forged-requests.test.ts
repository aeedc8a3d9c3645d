import t from 'tap'
import Fastify from 'fastify'
import stockPortfolio from '../src/index.js'
import { build, Browser, csrfToken, KEY_A, setCookies, tableRows, VALID } from './helper.js'

const form = 'application/x-www-form-urlencoded'

t.test('a planted second cookie of the same name: served from neither, nothing re-sealed, the real portfolio intact', async (t) => {
  const lines: string[] = []
  const app = Fastify({ logger: { level: 'debug', stream: { write: (line: string) => { lines.push(line) } } } })
  await app.register(stockPortfolio, { key: KEY_A })
  t.teardown(() => app.close())
  const victim = new Browser(app)
  await victim.submit('/add_stock', VALID)
  await victim.get('/stocks/')
  const attacker = new Browser(app)
  // The planted session holds a stock of its own, which the victim's does not.
  await attacker.submit('/add_stock', { stock_symbol: 'MSFT', number_of_shares: '3', purchase_price: '410.5' })
  const attackerToken = csrfToken((await attacker.get('/add_stock')).body)
  // The browser sends the cookie with the longer Path first: the one a sibling subdomain planted.
  const both = `portfolio=${attacker.cookies.get('portfolio') as string}; portfolio=${victim.cookies.get('portfolio') as string}`
  const send = (method: 'GET' | 'POST', url: string, payload?: string) =>
    app.inject({ method, url, payload, headers: { cookie: both, ...(payload === undefined ? {} : { 'content-type': form }) } })

  for (const url of ['/stocks/', '/add_stock', '/stocks/import']) {
    const page = await send('GET', url)
    t.equal(page.statusCode, 200, `GET ${url}`)
    t.match(page.body, 'Your browser sent two portfolio cookies, so neither was used', `${url} says why`)
    t.equal(setCookies(page).size, 0, `${url}: no cookie is written over either`)
  }
  t.same(tableRows((await send('GET', '/stocks/')).body), [], 'the list shows neither portfolio')
  t.notMatch((await send('GET', '/stocks/')).body, 'MSFT', 'the planted session\'s holding is not shown')
  t.equal((await app.inject({ url: '/stocks/', headers: { cookie: both, accept: 'application/json' } })).json().count, 0, 'nor counted in the JSON answer')
  const fields = new URLSearchParams({ ...VALID, _csrf: attackerToken }).toString()
  for (const [url, payload] of [['/add_stock', fields], ['/stocks/remove', `_csrf=${attackerToken}&holding=0+AAPL+15+302.17`], ['/stocks/clear', `_csrf=${attackerToken}`]] as const) {
    const refused = await send('POST', url, payload)
    t.equal(refused.statusCode, 400, `POST ${url} is refused`)
    t.match(refused.body, 'Your browser sent two portfolio cookies')
    t.equal(setCookies(refused).size, 0, `POST ${url} re-seals nothing`)
  }
  t.match(lines.join(''), 'the request carried the session cookie more than once')
  t.same(tableRows((await victim.get('/stocks/')).body), [['AAPL', '15', '$302.17', '$4,532.55']], 'the victim\'s own cookie still holds the portfolio')
  const similar = await app.inject({ url: '/stocks/', headers: { cookie: `xportfolio=1; portfolio=${victim.cookies.get('portfolio') as string}; portfolio_old=2` } })
  t.same(tableRows(similar.body).length, 1, 'other cookies whose names contain the name are not a conflict')
  for (const spelling of [' portfolio', 'portfolio ', 'portfolio\t', '\tportfolio ']) {
    const padded = await app.inject({ url: '/stocks/', headers: { cookie: `${spelling}=${attacker.cookies.get('portfolio') as string}; portfolio=${victim.cookies.get('portfolio') as string}` } })
    t.match(padded.body, 'Your browser sent two portfolio cookies', `${JSON.stringify(spelling)}= is the same name to the cookie parser: a conflict`)
  }
  const noValue = await app.inject({ url: '/stocks/', headers: { cookie: `portfolio; portfolio=${victim.cookies.get('portfolio') as string}` } })
  t.same(tableRows(noValue.body).length, 1, 'a pair without "=" is no cookie')
})

t.test('a cross-site POST is refused even with a valid token; same-origin and header-less clients pass', async (t) => {
  const app = await build(t)
  const browser = new Browser(app)
  const token = csrfToken((await browser.get('/add_stock')).body)
  const payload = new URLSearchParams({ ...VALID, _csrf: token }).toString()
  const cases: Array<[string, Record<string, string>, number]> = [
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, 403],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }, 403],
    ['Origin of another site', { origin: 'https://evil.example' }, 403],
    ['Origin: null (a sandboxed frame)', { origin: 'null' }, 403],
    ['Origin of another port', { origin: 'http://localhost:81' }, 403],
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }, 302],
    ['Sec-Fetch-Site: none (typed by the user)', { 'sec-fetch-site': 'none' }, 302],
    ['same-origin Origin', { origin: 'http://localhost:8080', host: 'localhost:8080' }, 302],
    ['https Origin on plain HTTP', { origin: 'https://localhost', host: 'localhost' }, 403],
    ['Origin with another scheme, same host and port', { origin: 'https://localhost:8080', host: 'localhost:8080' }, 403],
    ['a Host that is no URL', { origin: 'http://localhost', host: 'bad host' }, 403],
    ['same-origin Origin, default port', { origin: 'http://portfolio.example', host: 'portfolio.example:80' }, 302],
    ['neither header (curl)', {}, 302]
  ]
  for (const [name, headers, status] of cases) {
    const response = await browser.postRaw('/add_stock', payload, headers)
    t.equal(response.statusCode, status, `${name}: ${status}`)
    if (status === 403) {
      t.match(response.body, 'This form was sent from another site, so it was refused.')
      t.equal(setCookies(response).size, 0)
    }
  }
  t.equal(tableRows((await browser.get('/stocks/')).body).length, 5, 'only the five same-origin posts were saved')
})

t.test('behind a proxy the host trusts, Origin is compared with the forwarded host', async (t) => {
  const app = Fastify({ trustProxy: true })
  await app.register(stockPortfolio, { key: KEY_A })
  t.teardown(() => app.close())
  const browser = new Browser(app)
  const token = csrfToken((await browser.get('/add_stock')).body)
  const payload = new URLSearchParams({ ...VALID, _csrf: token }).toString()
  const forwarded = { 'x-forwarded-host': 'portfolio.example', 'x-forwarded-proto': 'https' }
  t.equal((await browser.postRaw('/add_stock', payload, { ...forwarded, origin: 'https://portfolio.example' })).statusCode, 302)
  t.equal((await browser.postRaw('/add_stock', payload, { ...forwarded, origin: 'https://evil.example' })).statusCode, 403)
  t.equal((await browser.postRaw('/add_stock', payload, { ...forwarded, origin: 'http://portfolio.example' })).statusCode, 403, 'the scheme follows X-Forwarded-Proto')
})

t.test('the standalone server believes X-Forwarded-Proto from the addresses in TRUST_PROXY only', async (t) => {
  const post = async (trustProxy: string[] | false, remoteAddress: string): Promise<number> => {
    const browser = new Browser(await build(t, { trustProxy }))
    const token = csrfToken((await browser.get('/add_stock')).body)
    const response = await browser.app.inject({
      method: 'POST',
      url: '/add_stock',
      remoteAddress,
      payload: new URLSearchParams({ ...VALID, _csrf: token }).toString(),
      // A TLS proxy in front, and a browser that sends Origin but not Sec-Fetch-Site.
      headers: { cookie: browser.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', host: 'portfolio.example', 'x-forwarded-proto': 'https', origin: 'https://portfolio.example' }
    })
    return response.statusCode
  }
  t.equal(await post(false, '127.0.0.1'), 403, 'by default the scheme is the connection\'s: http')
  t.equal(await post(['127.0.0.1'], '127.0.0.1'), 302, 'from the trusted proxy: https')
  t.equal(await post(['10.0.0.0/8'], '127.0.0.1'), 403, 'from any other address the header is not believed')
})

t.test('clearing the portfolio issues a new CSRF secret: forms from before the clear are refused', async (t) => {
  const browser = new Browser(await build(t))
  await browser.submit('/add_stock', VALID)
  const before = csrfToken((await browser.get('/stocks/')).body)
  t.equal((await browser.postRaw('/stocks/clear', `_csrf=${before}`)).statusCode, 302)
  const stale = await browser.postRaw('/add_stock', new URLSearchParams({ ...VALID, _csrf: before }).toString())
  t.equal(stale.statusCode, 403, 'a form issued before the clear')
  t.equal((await browser.submit('/add_stock', VALID)).statusCode, 302, 'a fresh form works')
})
