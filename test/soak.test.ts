import t from 'tap'
import { build } from './helper.js'
import { runMix } from '../clients/load-mix.js'

t.test('a short soak: a few thousand mixed requests, no 5xx, no error, no holding lost', async (t) => {
  const app = await build(t)
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const result = await runMix(url, { load: { amount: 3000, connections: 8 }, people: 4, addsEach: 25 })
  t.ok(result.requests >= 3000, `${result.requests} requests`)
  t.same(Object.keys(result.statusCodes).filter((code) => Number(code) >= 400), [], `status codes: ${JSON.stringify(result.statusCodes)}`)
  t.equal(result.errors, 0, 'no connection error')
  t.equal(result.timeouts, 0)
  t.equal(result.added, 100, 'every purchase of the four people was accepted')
  t.equal(result.lost, 0, 'and every one is listed')
  t.equal(result.extra, 0, 'and none twice')
})
