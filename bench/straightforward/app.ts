// The second baseline: the same three pages written the straightforward way the Fastify docs
// teach: @fastify/secure-session, @fastify/formbody, @fastify/view with handlebars (templates
// compiled once), the holdings as objects in the session. No CSRF, no security headers, no
// validation beyond what the chapter does, no size check. `npm run bench` measures the
// project against it.
import { fileURLToPath } from 'node:url'
import Fastify from 'fastify'
import secureSession from '@fastify/secure-session'
import formBody from '@fastify/formbody'
import view from '@fastify/view'
import handlebars from 'handlebars'

interface Holding { symbol: string, shares: string, price: string }
declare module '@fastify/secure-session' {
  interface SessionData { holdings: Holding[] }
}

const app = Fastify({ logger: { level: 'warn' } })
await app.register(secureSession, { key: Buffer.from(process.env.SESSION_KEY as string, 'hex'), cookie: { path: '/', httpOnly: true, sameSite: 'lax' } })
await app.register(formBody)
await app.register(view, { engine: { handlebars }, root: fileURLToPath(new URL('views', import.meta.url)), layout: 'layout.hbs', production: true })

app.get('/add_stock', async (_request, reply) => reply.viewAsync('add_stock.hbs', { title: 'Add a Stock' }))
app.post<{ Body: Holding & { stock_symbol: string, number_of_shares: string, purchase_price: string } }>('/add_stock', async (request, reply) => {
  const holdings = request.session.get('holdings') ?? []
  holdings.push({ symbol: request.body.stock_symbol, shares: request.body.number_of_shares, price: request.body.purchase_price })
  request.session.set('holdings', holdings)
  return reply.redirect('/stocks/', 302)
})
app.get('/stocks/', async (request, reply) => reply.viewAsync('stocks.hbs', { title: 'List of Stocks', holdings: request.session.get('holdings') ?? [] }))

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
