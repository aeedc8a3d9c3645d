import t from 'tap'
import { once } from 'node:events'
import { request } from 'node:http'
import { KEY_A } from './helper.js'
import { finish, run, start } from './process-helper.js'
import { HttpSession } from '../clients/http-session.js'

// Eight server processes, one under load: about 10 s alone, several times that on a busy machine.
t.setTimeout(240_000)

t.test('a malformed SESSION_KEY stops start-up with a message on stderr naming it', async (t) => {
  for (const [key, message] of [['abc', 'SESSION_KEY: the key is 3 hex characters'], [`${KEY_A},`, 'SESSION_KEY: key 2 of 2 is empty'], ['g'.repeat(64), 'not hex digits']]) {
    const { code, stderr } = await finish(run('src/server/server.ts', { SESSION_KEY: key as string }))
    t.equal(code, 1)
    t.match(stderr, message)
  }
})

t.test('in production the server refuses to start without SESSION_KEY', async (t) => {
  const { code, stderr } = await finish(run('src/server/server.ts', { NODE_ENV: 'production' }))
  t.equal(code, 1)
  t.match(stderr, 'SESSION_KEY is required when NODE_ENV=production')
})

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  t.test(`serves the pages, and ${signal} closes it gracefully with exit code 0`, async (t) => {
    const { child, url, output } = await start(t, { LOG_LEVEL: 'info' })
    t.match(output(), 'SESSION_KEY is not set: using a random key for this run only', 'a generated key is warned about')
    const page = await fetch(`${url}/add_stock`)
    t.equal(page.status, 200)
    t.match(page.headers.get('content-security-policy'), "default-src 'self'")
    t.match(await page.text(), 'Stock Symbol')
    t.equal((await fetch(`${url}/health`)).status, 200)
    child.kill(signal)
    // close-with-grace gives app.close() 4 s, then exits with code 1 saying "killed by timeout":
    // its own timer, in the server, is the clock, not this process's view on a busy machine.
    // 'close': the output is read to its end.
    const [code] = await once(child, 'close') as [number | null]
    t.equal(code, 0, 'app.close() finished within the 4 s grace')
    t.notMatch(output(), 'killed by timeout', 'the grace timer did not end it')
    t.match(output(), `"signal":"${signal}","msg":"server closing"`, 'the server\'s own handler closed it')
  })
}

type Outcome = 'ok' | 'not accepted' | 'broken' | 'shed' | '5xx'

/**
 * One request on its own connection: how it ended, and when. A 503 with Retry-After is the
 * server shedding load (@fastify/under-pressure): on a machine busy enough that the server's
 * loop misses a whole sampling second, it counts the delay as infinite, rightly or not.
 */
function get (url: string, cookie: string): Promise<{ outcome: Outcome, at: number, status?: number }> {
  return new Promise((resolve) => {
    let started = false
    const req = request(url, { agent: false, headers: { cookie } }, (response) => {
      started = true
      response.resume()
      const status = response.statusCode as number
      const outcome = status === 503 && response.headers['retry-after'] !== undefined ? 'shed' : status >= 500 ? '5xx' : 'ok'
      response.on('end', () => resolve({ outcome, at: Date.now(), status }))
      response.on('error', () => resolve({ outcome: 'broken', at: Date.now() }))
    })
    // Refused, or reset before a byte of response: the server never took it.
    req.on('error', () => resolve({ outcome: started ? 'broken' : 'not accepted', at: Date.now() }))
    req.end()
  })
}

t.test('SIGTERM under load: requests in flight finish, nothing is cut off, exit code 0', async (t) => {
  const { child, url } = await start(t, { SESSION_KEY: KEY_A })
  // A full portfolio makes each page slow enough for many to be in flight at once.
  const session = await HttpSession.open(url)
  for (let i = 0; i < 150; i++) await session.addStock(`S${i}`, 150, '302.17')
  const pending = Array.from({ length: 200 }, () => get(`${url}/stocks/`, session.cookie))
  // Once the server has answered the first, it is serving the batch: the others are in flight.
  await Promise.race(pending)
  const signalled = Date.now()
  child.kill('SIGTERM')
  const outcomes = await Promise.all(pending)
  const [code] = await once(child, 'exit') as [number | null]
  const count = (outcome: Outcome): number => outcomes.filter((o) => o.outcome === outcome).length
  t.equal(count('broken'), 0, 'no response was cut off')
  t.same(outcomes.filter((o) => o.outcome === '5xx').map((o) => o.status), [], 'none was a 5xx')
  t.ok(outcomes.some((o) => o.outcome === 'ok' && o.at > signalled), `requests in flight at SIGTERM finished (${count('ok')} ok, ${count('not accepted')} not accepted, ${count('shed')} shed)`)
  t.equal(code, 0)
})

t.test('an uncaught error closes the server, logged, with exit code 1', async (t) => {
  const { child, output } = await start(t, { LOG_LEVEL: 'info', SESSION_KEY: KEY_A }, ['test/fixtures/throw-on-sigusr2.js'])
  child.kill('SIGUSR2')
  const [code] = await once(child, 'exit') as [number | null]
  t.equal(code, 1)
  const closing = output().split('\n').filter(Boolean).map((line) => JSON.parse(line)).find((line) => line.msg === 'server closing after an error')
  t.equal(closing?.level, 50)
  t.equal(closing?.err.message, 'uncaught on purpose')
})
