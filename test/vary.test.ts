import t from 'tap'
import Fastify from 'fastify'
import { varyOn } from '../src/vary.js'

t.test('varyOn adds a field once, in any case, and nothing beside *', async (t) => {
  const app = Fastify()
  app.get('/', async (request, reply) => {
    const existing = (request.query as { vary?: string }).vary
    if (existing !== undefined) reply.header('vary', existing)
    varyOn(reply, 'Cookie')
    varyOn(reply, 'Cookie')
    return ''
  })
  t.teardown(() => app.close())
  const vary = async (existing?: string): Promise<unknown> =>
    (await app.inject({ url: '/', query: existing === undefined ? {} : { vary: existing } })).headers.vary
  t.equal(await vary(), 'Cookie')
  t.equal(await vary('Origin'), 'Origin, Cookie')
  t.equal(await vary('origin, cookie'), 'origin, cookie')
  t.equal(await vary('*'), '*')
})
