import t from 'tap'
import Fastify from 'fastify'
import { HttpSession } from '../clients/http-session.js'

t.test('a session opened where no portfolio is served says so, rather than posting without a token', async (t) => {
  const other = Fastify()
  other.get('/add_stock', async () => 'not the form')
  t.teardown(() => other.close())
  const url = await other.listen({ host: '127.0.0.1', port: 0 })
  await t.rejects(HttpSession.open(url), { message: `${url}/add_stock answered 200 with no form token: is the portfolio served there?` })
})
