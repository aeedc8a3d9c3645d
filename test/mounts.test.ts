import t from 'tap'
import Fastify from 'fastify'
import stockPortfolio from '../src/index.js'
import { Browser, KEY_A, tableRows, VALID } from './helper.js'

// A browser sends every cookie whose Path covers the page: mounts that nest each get their
// own cookie name by default, so the inner one never sees two cookies of one name.

for (const [outer, inner] of [['', '/p2'], ['/p', '/p/sub']] as const) {
  t.test(`mounted at ${outer === '' ? '/' : outer} and ${inner}: two portfolios, every form works in both`, async (t) => {
    const app = Fastify()
    await app.register(stockPortfolio, { prefix: outer, key: KEY_A })
    await app.register(stockPortfolio, { prefix: inner, key: KEY_A })
    t.teardown(() => app.close())
    const browser = new Browser(app)
    t.equal((await browser.submit(`${outer}/add_stock`, VALID)).statusCode, 302, 'the outer mount saves')
    // The jar sends every cookie, as a browser does on the inner mount's pages.
    t.equal((await browser.submit(`${inner}/add_stock`, { ...VALID, stock_symbol: 'MSFT' })).statusCode, 302, 'the inner mount saves beside it')
    t.equal(browser.cookies.size, 2, `two cookies: ${[...browser.cookies.keys()].join(', ')}`)
    const symbols = async (base: string): Promise<string[]> =>
      ((await browser.get(`${base}/stocks/`, { accept: 'application/json' })).json() as { holdings: Array<{ symbol: string }> }).holdings.map((holding) => holding.symbol)
    t.same(await symbols(outer), ['AAPL'])
    t.same(await symbols(inner), ['MSFT'])
  })
}

t.test('a cookieName given to two mounts that nest fails registration, naming the option', async (t) => {
  const app = Fastify()
  await app.register(stockPortfolio, { prefix: '/p', key: KEY_A, cookieName: 'shared' })
  await app.register(stockPortfolio, { prefix: '/q', key: KEY_A, cookieName: 'shared' })
  app.register(stockPortfolio, { prefix: '/p/sub', key: KEY_A, cookieName: 'shared' })
  await t.rejects(async () => { await app.ready() }, { message: 'fastify-stock-portfolio: mounted at /p/sub with cookieName "shared", as is the mount at /p: browsers would send both cookies to the inner one. Give each mount its own cookieName, or leave it unset (the default name follows the prefix)' })
})

t.test('the inner mount registered first: the outer one with its cookieName fails registration the same way', async (t) => {
  const app = Fastify()
  await app.register(stockPortfolio, { prefix: '/p/sub', key: KEY_A, cookieName: 'shared' })
  app.register(stockPortfolio, { prefix: '/p', key: KEY_A, cookieName: 'shared' })
  await t.rejects(async () => { await app.ready() }, { message: 'fastify-stock-portfolio: mounted at /p with cookieName "shared", as is the mount at /p/sub: browsers would send both cookies to the inner one. Give each mount its own cookieName, or leave it unset (the default name follows the prefix)' })
})

t.test('a cookieName given to the root mount and a prefixed one fails too: the root covers every path', async (t) => {
  const app = Fastify()
  await app.register(stockPortfolio, { key: KEY_A, cookieName: 'shared' })
  app.register(stockPortfolio, { prefix: '/p', key: KEY_A, cookieName: 'shared' })
  await t.rejects(async () => { await app.ready() }, { message: /mounted at \/p with cookieName "shared", as is the mount at \/:/ })
})

t.test('the same name on mounts that do not nest, or on two servers, is fine', async (t) => {
  for (const prefixes of [['/p', '/q'], ['/p', '/p2']]) {
    const app = Fastify()
    for (const prefix of prefixes) await app.register(stockPortfolio, { prefix, key: KEY_A, cookieName: 'shared' })
    await t.resolves(async () => { await app.ready() }, prefixes.join(' and '))
    await app.close()
  }
  const other = Fastify()
  await other.register(stockPortfolio, { prefix: '/p', key: KEY_A, cookieName: 'shared' })
  await t.resolves(async () => { await other.ready() }, 'another server')
  await other.close()
})

t.test('a prefix returned by an options function, which Fastify drops, fails registration, saying what to do', async (t) => {
  const app = Fastify()
  app.register(stockPortfolio, () => ({ prefix: '/portfolio', key: KEY_A }))
  await t.rejects(async () => { await app.ready() }, { message: /^fastify-stock-portfolio: the options ask for prefix "\/portfolio", but Fastify mounted the plugin at "\/": Fastify takes prefix from an options object only, not from what an options function returns\. Give the options as an object .*, or register the plugin inside a plugin registered with that prefix$/ })
  await app.close()
  const nested = Fastify()
  nested.register(async (outer) => { await outer.register(stockPortfolio, () => ({ prefix: '/inner', key: KEY_A })) }, { prefix: '/outer' })
  await t.rejects(async () => { await nested.ready() }, { message: /ask for prefix "\/inner", but Fastify mounted the plugin at "\/outer"/ }, 'under a prefixed plugin too')
  await nested.close()
})

t.test('the prefix the options ask for, however spelled, is where Fastify mounts an options object', async (t) => {
  for (const [prefix, page] of [['/portfolio', '/portfolio/add_stock'], ['/portfolio/', '/portfolio/add_stock'], ['portfolio', '/portfolio/add_stock'], ['/', '/add_stock'], ['', '/add_stock']] as const) {
    const app = Fastify()
    await app.register(stockPortfolio, { prefix, key: KEY_A })
    t.equal((await app.inject(page)).statusCode, 200, `prefix "${prefix}": ${page}`)
    await app.close()
  }
  const nested = Fastify()
  await nested.register(async (outer) => { await outer.register(stockPortfolio, { prefix: '/inner', key: KEY_A }) }, { prefix: '/outer' })
  t.equal((await nested.inject('/outer/inner/add_stock')).statusCode, 200, 'nested: /outer/inner')
  await nested.close()
  const wrapped = Fastify()
  await wrapped.register(async (scope) => { await scope.register(stockPortfolio, () => ({ key: KEY_A })) }, { prefix: '/portfolio' })
  t.equal((await wrapped.inject('/portfolio/add_stock')).statusCode, 200, 'an options function without a prefix, inside a prefixed plugin')
  await wrapped.close()
})

// Browsers compare a cookie's Path byte for byte; a host's router may be more lenient.
for (const [routerOptions, elsewhere] of [[{ caseSensitive: false }, '/Portfolio'], [{ ignoreDuplicateSlashes: true }, '//portfolio']] as const) {
  t.test(`a host router with ${JSON.stringify(routerOptions)}: ${elsewhere}/… is sent to /portfolio/…, the portfolio untouched`, async (t) => {
    const app = Fastify({ routerOptions })
    await app.register(stockPortfolio, { prefix: '/portfolio', key: KEY_A })
    t.teardown(() => app.close())
    const browser = new Browser(app)
    t.equal((await browser.submit('/portfolio/add_stock', VALID)).statusCode, 302)
    // Sent as a browser sends it there: without the cookie, which its Path does not cover.
    for (const [method, url, location] of [
      ['GET', `${elsewhere}/add_stock?from=mail`, '/portfolio/add_stock?from=mail'],
      ['GET', `${elsewhere}/stocks/`, '/portfolio/stocks/'],
      ['POST', `${elsewhere}/add_stock`, '/portfolio/add_stock']
    ] as const) {
      const response = await app.inject({ method, url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: method === 'POST' ? new URLSearchParams(VALID).toString() : undefined })
      t.equal(response.statusCode, 308, `${method} ${url}`)
      t.equal(response.headers.location, location)
      t.equal(response.headers['set-cookie'], undefined, 'no cookie over the visitor\'s')
    }
    t.equal((await browser.get('/portfolio/stocks/', { accept: 'application/json' })).json().holdings.length, 1, 'the portfolio is as it was')
  })
}

// Browsers percent-encode such a prefix in the address they send and compare the cookie's Path
// with that; a Location must be ASCII.
for (const [prefix, routerOptions] of [['/portföljen', {}], ['/my portfolio', {}], ['/portföljen', { ignoreTrailingSlash: true }]] as const) {
  t.test(`mounted at ${prefix}, router ${JSON.stringify(routerOptions)}: links, redirects and the cookie's Path are the address as sent`, async (t) => {
    const app = Fastify({ routerOptions })
    await app.register(stockPortfolio, { prefix, key: KEY_A })
    t.teardown(() => app.close())
    const sent = encodeURI(prefix)
    const browser = new Browser(app)
    const added = await browser.submit(`${sent}/add_stock`, VALID)
    t.equal(added.statusCode, 302)
    t.equal(added.headers.location, `${sent}/stocks/`)
    t.match(String(added.headers['set-cookie']), `; Path=${sent};`)
    const list = await browser.get(`${sent}/stocks/`)
    t.equal(tableRows(list.body).length, 1, 'the purchase is kept')
    t.match(list.body, `href="${sent}/add_stock"`)
    t.equal((await browser.postRaw(`${sent}/language`, `locale=de&back=${encodeURIComponent(`${sent}/add_stock`)}`)).headers.location, `${sent}/add_stock`, 'the switch goes back to the page')
    const withoutSlash = await app.inject(`${sent}/stocks`)
    if ('ignoreTrailingSlash' in routerOptions) t.equal(withoutSlash.statusCode, 200, 'the host ignores trailing slashes: the list answers')
    else t.equal(withoutSlash.headers.location, `${sent}/stocks/`, 'the list without its slash leads to it')
    t.equal((await app.inject(sent)).headers.location, `${sent}/stocks/`, 'the prefix itself leads to the list')
    const otherCase = sent.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())
    if (otherCase !== sent) {
      const lower = await app.inject(`${otherCase}/stocks/`)
      t.equal(lower.statusCode, 308, 'escapes in lower case: not the Path the browser was given')
      t.equal(lower.headers.location, `${sent}/stocks/`)
    }
  })
}

t.test('a query on the prefix\'s own address is not outside the cookie\'s Path', async (t) => {
  const app = Fastify()
  await app.register(stockPortfolio, { prefix: '/portfolio', key: KEY_A })
  t.teardown(() => app.close())
  const response = await app.inject('/portfolio?from=mail')
  t.equal(response.statusCode, 302)
  t.equal(response.headers.location, '/portfolio/stocks/')
})

t.test('the cookie-path redirect, fed every prefix of an address and garbage: never a 5xx, never off the site', async (t) => {
  const app = Fastify({ routerOptions: { caseSensitive: false, ignoreDuplicateSlashes: true } })
  await app.register(stockPortfolio, { prefix: '/portfolio', key: KEY_A })
  t.teardown(() => app.close())
  const valid = '//PortFolio/stocks/?back=//evil.example&x=%ZZ'
  const garbage = ['/%', '/%ZZ/', '//evil.example/', '/\\evil.example', '/Portfolio%00/stocks/', '/PORTFOLIO/%E2%80%A8', '/Portfolio/stocks/%2F%2Fevil.example', '///portfolio//add_stock?//evil.example', '/Portfolio\u00e9/stocks/']
  let redirected = 0
  for (const url of [...Array.from({ length: valid.length }, (_, end) => valid.slice(0, end + 1)), ...garbage]) {
    const response = await app.inject(url)
    t.ok(response.statusCode < 500, `${url}: ${response.statusCode}`)
    if (response.statusCode !== 308) continue
    redirected++
    t.match(response.headers.location, /^\/portfolio(\/|$|\?)/, `${url}: sent under the prefix, not off the site`)
  }
  t.ok(redirected >= 20, `the addresses outside the cookie's Path were redirected (${redirected})`)
})
