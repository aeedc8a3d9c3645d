import t from 'tap'
import Fastify from 'fastify'
import cookie from '@fastify/cookie'
import stockPortfolio from '../src/index.js'
import { Browser, KEY_A, VALID, tableRows } from './helper.js'

// A host's @fastify/cookie merges its parseOptions into every cookie any plugin sets. The
// portfolio's cookie must carry exactly the attributes the plugin chooses, whatever those are.

const hostOptions = {
  signed: { signed: true },
  domain: { domain: 'example.com' },
  partitioned: { partitioned: true, secure: true, sameSite: 'none' },
  everything: { signed: true, domain: 'example.com', partitioned: true, secure: true, sameSite: 'none', priority: 'high', httpOnly: false, path: '/elsewhere', maxAge: 5, expires: new Date(0) }
} as const

for (const [name, parseOptions] of Object.entries(hostOptions)) {
  t.test(`a host whose @fastify/cookie sets ${name}: the portfolio's cookie is the plugin's own, and every form works`, async (t) => {
    const app = Fastify()
    await app.register(cookie, { secret: 'a host secret of some length', parseOptions })
    await app.register(stockPortfolio, { prefix: '/p', key: KEY_A })
    t.teardown(() => app.close())
    const browser = new Browser(app)
    const added = await browser.submit('/p/add_stock', VALID)
    t.equal(added.statusCode, 302, 'the form is taken')
    const header = String(added.headers['set-cookie'])
    t.match(header, /^portfolio_p=[^;]+; Max-Age=86400; Path=\/p; HttpOnly; SameSite=Lax$/, 'exactly the plugin\'s attributes')
    t.same(((await browser.get('/p/stocks/', { accept: 'application/json' })).json() as { holdings: unknown[] }).holdings.length, 1)
  })
}

// @fastify/cookie parses in the hook its `hook` option names; the session opens in onRequest,
// before any of those.
for (const hook of ['preParsing', 'preValidation', 'preHandler'] as const) {
  t.test(`a host whose @fastify/cookie parses with hook: ${hook}: the form is taken and the purchase listed`, async (t) => {
    const app = Fastify()
    await app.register(cookie, { hook })
    app.get('/host', async (request) => ({ cookies: request.cookies }))
    await app.register(stockPortfolio, { prefix: '/p', key: KEY_A })
    t.teardown(() => app.close())
    const browser = new Browser(app)
    const added = await browser.submit('/p/add_stock', VALID)
    t.equal(added.statusCode, 302, 'the form is taken')
    const list = await browser.get('/p/stocks/')
    t.equal(list.statusCode, 200)
    t.match(list.body, VALID.stock_symbol, 'the purchase is listed')
    const host = await app.inject({ url: '/host', headers: { cookie: 'theme=dark' } })
    t.same(host.json(), { cookies: { theme: 'dark' } }, 'the host\'s own routes parse as the host chose')
  })
}

// With hook: false, @fastify/cookie 11.1.5 writes no cookie set in an onSend hook, as the
// session's is; the plugin writes it itself.
t.test('a host whose @fastify/cookie parses with hook: false: forms are taken and purchases kept', async (t) => {
  const app = Fastify()
  await app.register(cookie, { hook: false })
  app.get('/host', async (request, reply) => {
    reply.setCookie('theme', 'dark')
    return { cookies: request.cookies }
  })
  await app.register(stockPortfolio, { prefix: '/p', key: KEY_A })
  t.teardown(() => app.close())
  const browser = new Browser(app)
  t.equal((await browser.submit('/p/add_stock', VALID)).statusCode, 302, 'a new visitor\'s form is taken')
  const again = await browser.submit('/p/add_stock', { ...VALID, stock_symbol: 'SBUX' })
  t.equal(again.statusCode, 302, 'and a returning visitor\'s')
  t.match(String(again.headers['set-cookie']), /^portfolio_p=[^;]+; Max-Age=86400; Path=\/p; HttpOnly; SameSite=Lax$/, 'exactly the plugin\'s attributes')
  const rows = tableRows((await browser.get('/p/stocks/')).body).map((row) => row[0])
  t.same(rows, ['AAPL', 'SBUX'], 'both purchases are kept')
  const host = await app.inject({ url: '/host', headers: { cookie: 'theme=light' } })
  t.same(host.json(), { cookies: { theme: 'light' } }, 'the host\'s own cookies still work as @fastify/cookie makes them')
  t.match(String(host.headers['set-cookie']), /^theme=dark/)
})
