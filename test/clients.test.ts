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

t.test('a session opened without CSRF, for an app whose form has none, keeps its cookie and an empty token', async (t) => {
  const plain = Fastify()
  plain.get('/add_stock', async (_request, reply) => reply.header('set-cookie', 'session=1; Path=/').send('<form method="post"></form>'))
  t.teardown(() => plain.close())
  const url = await plain.listen({ host: '127.0.0.1', port: 0 })
  const session = await HttpSession.open(url, { csrf: false })
  t.equal(session.token, '')
  t.equal(session.cookie, 'session=1')
})
