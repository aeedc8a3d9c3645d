import t from 'tap'
import { build, testConfig } from './helper.js'
import { raw, trickle } from './raw-socket.js'
import { setTimeout as sleep } from 'node:timers/promises'
import Fastify from 'fastify'
import pipelining from '../src/server/pipelining.js'

// Hostile clients against the standalone app in this process, over real sockets where the
// socket is the point. The flood of pipelining connections, which needs a server process of its
// own, is test/flood.test.ts.

/**
 * How many 200 answers a raw connection has received, once it holds `count` of them, or it
 * closes, or a minute passes (a deadline for a busy machine, not a wait: it ends at the answer).
 */
async function answered (connection: Awaited<ReturnType<typeof raw>>, count: number): Promise<number> {
  const answers = (): number => connection.received().match(/HTTP\/1\.1 200/g)?.length ?? 0
  await new Promise<void>((resolve) => {
    const check = (): void => { if (answers() >= count) done() }
    const timer = setTimeout(done, 60_000)
    function done (): void {
      clearTimeout(timer)
      connection.socket.off('data', check)
      connection.socket.off('close', done)
      resolve()
    }
    connection.socket.on('data', check)
    connection.socket.on('close', done)
    if (connection.socket.destroyed) done()
    else check()
  })
  return answers()
}

t.test('a malformed URL gets the same headers and error page as every other error', async (t) => {
  const app = await build(t)
  for (const url of ['/%', '/stocks/%E0%A4%A']) {
    const response = await app.inject(url)
    t.equal(response.statusCode, 400, url)
    t.match(response.headers['content-type'], /^text\/html/)
    t.match(response.headers, { 'x-frame-options': 'DENY', 'content-security-policy': /frame-ancestors 'none'/, 'x-content-type-options': 'nosniff' })
    t.match(response.body, 'role="alert">That address or request is malformed')
    t.match(response.body, '<link rel="stylesheet" href="/assets/portfolio.css?')
  }
})

t.test('over real sockets: malformed headers, a trickled body, too many pipelined requests', async (t) => {
  const app = await build(t, { limits: { ...testConfig().limits, requestTimeout: 1500, maxPipelinedRequests: 4 } })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })

  const malformed = await raw(url, 'GET /stocks/ HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n')
  await malformed.closed
  t.match(malformed.received(), /^HTTP\/1\.1 400 Bad Request\r\n/)
  t.match(malformed.received(), /\r\nx-frame-options: DENY\r\n/)
  t.match(malformed.received(), 'That address or request is malformed')

  const huge = await raw(url, `GET /stocks/ HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`)
  await huge.closed
  t.match(huge.received(), /^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/, 'headers past Node\'s 16 KiB: 431')
  const reset = await raw(url, 'GET /stocks/ HTTP/1.1\r\nHost: x\r\n')
  reset.socket.resetAndDestroy()
  await reset.closed
  t.equal((await fetch(`${url}/health`)).status, 200, 'a client that resets mid-request is simply gone')

  const body = await trickle(t, url, 'POST /add_stock HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n')
  t.ok(body.lasted >= 1000 && body.lasted < 10_000, `the trickled body was cut off after ${body.lasted} ms (REQUEST_TIMEOUT=1500)`)
  t.match(body.received, /^HTTP\/1\.1 408 Request Timeout\r\n/)

  const request = 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n'
  const four = await raw(url, request.repeat(4))
  t.equal(await answered(four, 4), 4, 'four pipelined requests are all answered')
  four.socket.write(request)
  t.equal(await answered(four, 5), 5, 'the connection stays open: a fifth, sent once the four are read, is answered too')
  t.notOk(four.socket.destroyed, 'and is not closed')
  four.socket.destroy()
  const greedy = await raw(url, request.repeat(40))
  await greedy.closed
  t.ok((greedy.received().match(/HTTP\/1\.1 200/g)?.length ?? 0) <= 4, 'a connection pipelining 40 is closed, answered at most 4')
  t.equal((await fetch(`${url}/health`)).status, 200, 'the server is fine')
})

t.test('a connection pipelining hundreds of requests in one write is closed with one warning', async (t) => {
  const lines: string[] = []
  const app = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => { lines.push(line) } } } })
  t.teardown(() => app.close())
  let served = 0
  app.get('/health', async () => { served++; return 'ok' })
  await app.register(pipelining, { max: 4 })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const greedy = await raw(url, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(400))
  await greedy.closed
  t.ok(served <= 4, `${served} of 400 served`)
  t.equal(lines.filter((line) => line.includes('pipelined more requests than allowed')).length, 1, 'one warning for the connection, not one for each request parsed after it was closed')
})

t.test('headers trickled a byte at a time are cut off at the headers timeout, long before the request timeout', async (t) => {
  const app = await build(t, { limits: { ...testConfig().limits, requestTimeout: 30_000, headersTimeout: 1000 } })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const headers = await trickle(t, url, 'GET /stocks/ HTTP/1.1\r\nHost: x\r\nX-Slow: ')
  t.ok(headers.lasted >= 900 && headers.lasted < 10_000, `the trickled headers were cut off after ${headers.lasted} ms (HEADERS_TIMEOUT=1000)`)
  t.match(headers.received, /^HTTP\/1\.1 408 Request Timeout\r\n/)
})

t.test('past its event-loop delay threshold the server sheds load too (MAX_EVENT_LOOP_DELAY)', async (t) => {
  const app = await build(t, { limits: { ...testConfig().limits, maxEventLoopDelay: 20 } })
  // The loop held 50 ms at a time for 2.5 s: each of the delay's 10 ms samples sees about 50 ms,
  // so every 1 s interval under-pressure reads in that time is far past 20 ms.
  const held = new Int32Array(new SharedArrayBuffer(4))
  const until = Date.now() + 2500
  await new Promise<void>((resolve) => {
    const hold = (): void => {
      Atomics.wait(held, 0, 0, 50)
      if (Date.now() < until) setImmediate(hold)
      else resolve()
    }
    setImmediate(hold)
  })
  const page = await app.inject('/stocks/')
  t.equal(page.statusCode, 503)
  t.equal(page.headers['retry-after'], '10')
  t.match(page.body, 'The server is busy right now.')
})

t.test('past its memory threshold the server sheds load: 503 with Retry-After, /health says so', async (t) => {
  const app = await build(t, { limits: { ...testConfig().limits, maxRssBytes: 32 * 1024 * 1024 } })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  let health: Response | undefined
  for (let i = 0; i < 40; i++) {
    health = await fetch(`${url}/health`)
    if (health.status === 503) break
    await sleep(100)
  }
  t.equal(health?.status, 503, '/health reports the pressure')
  t.equal(health?.headers.get('retry-after'), '10')
  const page = await fetch(`${url}/stocks/`)
  t.equal(page.status, 503)
  t.equal(page.headers.get('retry-after'), '10')
  t.match(await page.text(), 'The server is busy right now. Nothing was changed; try again in a few seconds.')
  // Outside the plugin too, the same page in the visitor's language, not Fastify's JSON.
  for (const path of ['/', '/nowhere']) {
    const outside = await fetch(url + path, { headers: { 'accept-language': 'de' }, redirect: 'manual' })
    t.equal(outside.status, 503, path)
    t.equal(outside.headers.get('retry-after'), '10')
    t.match(outside.headers.get('content-type'), /^text\/html/)
    t.equal(outside.headers.get('content-language'), 'de')
    t.match(await outside.text(), 'Der Server ist gerade ausgelastet.')
  }
})

t.test('outside the plugin an error is the error page in the visitor\'s language, never JSON', async (t) => {
  const app = await build(t)
  app.get('/boom', async () => { throw new Error('database password is hunter2') })
  const tooLarge = await app.inject({ method: 'POST', url: '/nowhere', headers: { 'content-type': 'application/json', 'accept-language': 'de' }, payload: `{"a":"${'x'.repeat(1024 * 1024)}"}` })
  t.equal(tooLarge.statusCode, 413)
  t.match(tooLarge.headers, { 'content-type': /^text\/html/, 'content-language': 'de', 'x-frame-options': 'DENY' })
  t.match(tooLarge.body, 'Die Anfrage war größer als 1.024 KiB', 'a request, not a form: there is no form at that address')
  const boom = await app.inject({ url: '/boom', headers: { 'accept-language': 'en' } })
  t.equal(boom.statusCode, 500)
  t.match(boom.headers, { 'content-type': /^text\/html/, 'content-language': 'en' })
  t.match(boom.body, 'Something went wrong on our side.')
  t.notMatch(boom.body, 'hunter2', 'the error itself is not shown')
  const unknownType = await app.inject({ method: 'PUT', url: '/add_stock', headers: { 'content-type': 'application/x-www-form-urlencoded, text/plain', 'accept-language': 'de' }, payload: 'a=1' })
  t.equal(unknownType.statusCode, 415)
  t.match(unknownType.body, 'Diese Seite nimmt nur Formulare im Format application/x-www-form-urlencoded an')
  const cut = await app.inject({ method: 'POST', url: '/nowhere', headers: { 'content-type': 'application/json', 'content-length': '20' }, payload: '{}' })
  t.equal(cut.statusCode, 400)
  t.match(cut.body, 'That address or request is malformed')
})
