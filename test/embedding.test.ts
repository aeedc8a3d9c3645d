import t, { type Test } from 'tap'
import Fastify, { type FastifyInstance } from 'fastify'
import view from '@fastify/view'
import formBody from '@fastify/formbody'
import secureSession from '@fastify/secure-session'
import csrfProtection from '@fastify/csrf-protection'
import handlebars from 'handlebars'
import stockPortfolio from '../src/index.js'
import { Browser, csrfToken, KEY_A, KEY_B, KEY_C, keyBuffer, setCookies, tableRows, VALID } from './helper.js'

declare module '@fastify/secure-session' {
  interface SessionData { visits: number }
}

/** A host app with its own view, form, session and CSRF plugins, set up its own way. */
async function hostApp (t: Test): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: 10 * 1024 * 1024 })
  handlebars.registerPartial('layout', 'HOST PARTIAL')
  t.teardown(() => handlebars.unregisterPartial('layout'))
  await app.register(view, { engine: { handlebars }, root: new URL('.', import.meta.url).pathname })
  await app.register(formBody)
  await app.register(secureSession, { key: keyBuffer(KEY_C), cookieName: 'host', cookie: { path: '/' } })
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session' })
  app.get('/host', async (request, reply) => {
    request.session.set('visits', (request.session.get('visits') ?? 0) + 1)
    return reply.type('text/html').send(`visits ${String(request.session.get('visits'))} token ${reply.generateCsrf()}`)
  })
  app.post('/host/echo', { onRequest: app.csrfProtection }, async (request) => request.body)
  app.get('/host/view', async (_request, reply) => reply.viewAsync('fixtures/host-page.hbs', { name: '<host>' }))
  return app
}

t.test('under a prefix in a host that has its own view, formbody, secure-session and csrf-protection', async (t) => {
  const app = await hostApp(t)
  await app.register(stockPortfolio, { prefix: '/portfolio', key: KEY_A })
  t.teardown(() => app.close())
  const browser = new Browser(app)

  const hostFirst = await browser.get('/host')
  t.match(hostFirst.body, 'visits 1')

  const form = await browser.get('/portfolio/add_stock')
  t.equal(form.statusCode, 200)
  t.match(form.body, 'action="/portfolio/add_stock"')
  t.match(form.body, 'href="/portfolio/stocks/"')
  t.match(form.body, /href="\/portfolio\/assets\/portfolio.css\?[\w-]{12}"/)
  t.notMatch(form.body, 'HOST PARTIAL')
  t.equal(setCookies(form).get('portfolio_portfolio')?.path, '/portfolio', 'the cookie is scoped to the prefix')

  const saved = await browser.submit('/portfolio/add_stock', VALID)
  t.equal(saved.statusCode, 302)
  t.equal(saved.headers.location, '/portfolio/stocks/')
  t.same(tableRows((await browser.get('/portfolio/stocks/')).body), [['AAPL', '15', '$302.17', '$4,532.55']])
  const noSlash = await browser.get('/portfolio/stocks')
  t.equal(noSlash.headers.location, '/portfolio/stocks/')
  const list = (await browser.get('/portfolio/stocks/')).body
  t.match(list, '<form class="table-wrap" method="post" action="/portfolio/stocks/remove">')
  t.match(list, '<form method="post" action="/portfolio/stocks/clear">')
  const removed = await browser.postRaw('/portfolio/stocks/remove', `_csrf=${csrfToken(list)}&holding=0+AAPL+15+302.17`)
  t.equal(removed.headers.location, '/portfolio/stocks/', 'remove redirects under the prefix')
  const cleared = await browser.postRaw('/portfolio/stocks/clear', `_csrf=${csrfToken(list)}`)
  t.equal(cleared.headers.location, '/portfolio/stocks/', 'clear redirects under the prefix')
  t.match((await browser.get('/portfolio/stocks/')).body, 'Cleared the portfolio: removed 0 holdings.')
  await browser.submit('/portfolio/add_stock', VALID)

  t.match((await browser.get('/host')).body, 'visits 2', "the host's session kept its values and is the only thing in its cookie")
  const hostSession = app.decodeSecureSession(decodeURIComponent(browser.cookies.get('host') as string))
  t.same(Object.keys(hostSession?.data() ?? {}).sort(), ['_csrf', 'visits'], 'nothing of the portfolio went into the host session')

  const hostToken = /token (\S+)/.exec((await browser.get('/host')).body)?.[1] as string
  const echo = await browser.request({ method: 'POST', url: '/host/echo', headers: { 'content-type': 'application/json', 'csrf-token': hostToken }, payload: '{"a":1}' })
  t.same(echo.json(), { a: 1 }, "the host's JSON parser and CSRF check still serve its routes")
  const large = await browser.request({ method: 'POST', url: '/host/echo', headers: { 'content-type': 'application/x-www-form-urlencoded', 'csrf-token': hostToken }, payload: `a=${'x'.repeat(20000)}` })
  t.equal(large.statusCode, 200, "the host's own form limit still applies to its routes")

  const view = await browser.get('/host/view')
  t.equal(view.body.trim(), 'Host page for &lt;host&gt;', "the host's reply.view is its own")

  const tooLarge = await browser.postRaw('/portfolio/add_stock', `_csrf=${csrfToken(form.body)}&stock_symbol=${'x'.repeat(17000)}`)
  t.equal(tooLarge.statusCode, 413, 'the 16 KiB limit holds although the host allows 10 MiB')
  const json = await browser.request({ method: 'POST', url: '/portfolio/add_stock', headers: { 'content-type': 'application/json' }, payload: '{}' })
  t.equal(json.statusCode, 415, "the host's JSON parser does not reach the plugin")
  t.notOk(setCookies(json).has('host'))
})

t.test('two registrations under different prefixes keep separate portfolios', async (t) => {
  const app = Fastify()
  await app.register(stockPortfolio, { prefix: '/a', key: KEY_A })
  await app.register(stockPortfolio, { prefix: '/b', key: KEY_A })
  t.teardown(() => app.close())
  const browser = new Browser(app)
  await browser.submit('/a/add_stock', VALID)
  const aCookie = browser.cookies.get('portfolio_a') as string
  t.same(tableRows((await browser.get('/a/stocks/')).body).length, 1)
  // A browser sends /b only the cookie whose Path is /b; a copy of /a's is refused there.
  const b = await app.inject({ url: '/b/stocks/', headers: { cookie: `portfolio_b=${aCookie}` } })
  t.equal(b.statusCode, 200)
  t.same(tableRows(b.body), [])
})

t.test('a host that ignores trailing slashes serves /stocks and /stocks/ with the same page', async (t) => {
  const app = Fastify({ routerOptions: { ignoreTrailingSlash: true } })
  await app.register(stockPortfolio, { prefix: '/p', key: KEY_B })
  t.teardown(() => app.close())
  t.equal((await app.inject('/p/stocks')).statusCode, 200)
  t.equal((await app.inject('/p/stocks/')).statusCode, 200)
})

t.test('the plugin adds no hooks, headers or cookies to the host\'s other routes', async (t) => {
  const app = Fastify()
  app.get('/other', async () => 'other')
  await app.register(stockPortfolio, { prefix: '/portfolio', key: KEY_A })
  t.teardown(() => app.close())
  const response = await app.inject({ url: '/other', headers: { cookie: 'portfolio=garbage' } })
  t.equal(response.body, 'other')
  t.same(response.cookies, [])
  t.equal(response.headers['cache-control'], undefined)
  t.equal(response.headers.vary, undefined)
})

t.test('a missing or malformed key fails registration with a clear error', async (t) => {
  for (const [options, message] of [
    [{}, /fastify-stock-portfolio: option key is missing/],
    [{ key: 'abc' }, /fastify-stock-portfolio: option key: the key is 3 hex characters/],
    [{ key: [KEY_A, Buffer.alloc(8)] }, /option key: key 2 of 2 is 8 bytes/]
  ] as const) {
    const app = Fastify()
    app.register(stockPortfolio, options as never)
    await t.rejects(async () => { await app.ready() }, { message }, JSON.stringify(options))
  }
})
