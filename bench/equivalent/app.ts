// The peer `npm run bench` holds the project to: the same features assembled plainly from the
// Fastify ecosystem, as its own small app, written the way each plugin's README shows.
// @fastify/secure-session holds the purchases as objects, @fastify/formbody parses the form and
// a JSON schema checks it, @fastify/view renders handlebars templates in a layout with
// {{#each}} rows (cost per row, a total), @fastify/csrf-protection keeps its secret in the
// session and checks the token of every form in preValidation, @fastify/helmet sends its
// headers, a one-time message follows each change, and every page is Cache-Control: no-store.
// It imports nothing of the project.
import { fileURLToPath } from 'node:url'
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify'
import secureSession from '@fastify/secure-session'
import formBody from '@fastify/formbody'
import view from '@fastify/view'
import csrfProtection from '@fastify/csrf-protection'
import helmet from '@fastify/helmet'
import handlebars from 'handlebars'

interface Holding { symbol: string, shares: number, price: number }
declare module '@fastify/secure-session' {
  interface SessionData { purchases: Holding[], message: string }
}

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 4 })

const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'warn' } })
await app.register(helmet)
await app.register(secureSession, { key: Buffer.from(process.env.SESSION_KEY as string, 'hex'), cookie: { path: '/', httpOnly: true, sameSite: 'lax' } })
await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session' })
await app.register(formBody)
await app.register(view, { engine: { handlebars }, root: fileURLToPath(new URL('views', import.meta.url)), layout: 'layout.hbs', production: true })
app.addHook('onRequest', async (_request, reply) => { reply.header('cache-control', 'no-store') })

/** The message left by the last change, taken so it shows once. */
function takeMessage (request: FastifyRequest): string | undefined {
  const message = request.session.get('message')
  if (message !== undefined) request.session.set('message', undefined)
  return message
}

const addStockBody = {
  type: 'object',
  required: ['stock_symbol', 'number_of_shares', 'purchase_price', '_csrf'],
  properties: {
    stock_symbol: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9.-]{0,9}$' },
    number_of_shares: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' },
    purchase_price: { type: 'string', pattern: '^[0-9]{1,7}(\\.[0-9]{1,4})?$' },
    _csrf: { type: 'string' }
  },
  additionalProperties: false
}
interface AddStock { stock_symbol: string, number_of_shares: string, purchase_price: string }

function addStockForm (reply: FastifyReply, message?: string): Promise<string> {
  return reply.viewAsync('add_stock.hbs', { title: 'Add a Stock', message, csrfToken: reply.generateCsrf() })
}

app.get('/add_stock', async (_request, reply) => addStockForm(reply))

app.post<{ Body: AddStock }>('/add_stock', { schema: { body: addStockBody }, attachValidation: true, preValidation: app.csrfProtection }, async (request, reply) => {
  if (request.validationError !== undefined) return addStockForm(reply.code(400), 'Some values need fixing; nothing was saved.')
  const holding = { symbol: request.body.stock_symbol.toUpperCase(), shares: Number(request.body.number_of_shares), price: Number(request.body.purchase_price) }
  request.session.set('purchases', [...(request.session.get('purchases') ?? []), holding])
  request.session.set('message', `Added ${holding.shares} shares of ${holding.symbol} at ${money.format(holding.price)}.`)
  return reply.redirect('/stocks/', 302)
})

app.get('/stocks/', async (request, reply) => {
  const holdings = request.session.get('purchases') ?? []
  const rows = holdings.map((holding, index) => ({ ...holding, index, price: money.format(holding.price), cost: money.format(holding.shares * holding.price) }))
  const total = money.format(holdings.reduce((sum, holding) => sum + holding.shares * holding.price, 0))
  return reply.viewAsync('stocks.hbs', { title: 'List of Stocks', message: takeMessage(request), rows, total, csrfToken: holdings.length > 0 ? reply.generateCsrf() : undefined })
})

app.post<{ Body: { holding: string } }>('/stocks/remove', { preValidation: app.csrfProtection }, async (request, reply) => {
  const holdings = request.session.get('purchases') ?? []
  const [removed] = holdings.splice(Number(request.body.holding), 1)
  request.session.set('purchases', holdings)
  if (removed !== undefined) request.session.set('message', `Removed ${removed.symbol}.`)
  return reply.redirect('/stocks/', 302)
})

app.post('/stocks/clear', { preValidation: app.csrfProtection }, async (request, reply) => {
  request.session.set('purchases', [])
  request.session.set('message', 'Cleared the portfolio.')
  return reply.redirect('/stocks/', 302)
})

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
