import t from 'tap'
import Fastify from 'fastify'
import cookie from '@fastify/cookie'
import stockPortfolio from '../src/index.js'
import { Browser, KEY_A, VALID } from './helper.js'

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
