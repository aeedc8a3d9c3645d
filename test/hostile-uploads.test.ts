import t, { type Test } from 'tap'
import fc from 'fast-check'
import { connect } from 'node:net'
import { build, Browser, csrfToken, holdingCount, setCookies, VALID } from './helper.js'
import { BOUNDARY, chunk, cutPoints, importHead, rawExchange, upload } from './upload-helper.js'
import { tripwire } from './tripwire.js'

// The import reads untrusted bytes, so it is attacked here as an attacker would: every cut of
// a good upload, malformed framing, random bodies, oversized parts. Whatever arrives, the
// answer is a 4xx, nothing is saved, and nothing escapes as an uncaught exception or an
// unhandled rejection (which, inside a host app, would take the host down).

t.setTimeout(180_000)

/** A browser with one purchase, its cookie, and a token for the import form. */
async function visitor (t: Test): Promise<{ browser: Browser, token: string, cookie: string }> {
  const browser = new Browser(await build(t))
  await browser.submit('/add_stock', VALID)
  const token = csrfToken((await browser.get('/stocks/import')).body)
  return { browser, token, cookie: browser.cookieHeader() }
}

const GOOD_CSV = 'symbol,shares,price\nSBUX,100,87.56\nMSFT,3,410\n'

/** Good uploads, each of which is accepted whole: the cuts of each must not be. */
function goodUploads (token: string): Array<[string, ReturnType<typeof upload>]> {
  return [
    ['token, mode, file', upload({ _csrf: token, mode: 'replace' }, GOOD_CSV)],
    ['file first', (() => {
      const body = upload({ _csrf: token }, GOOD_CSV)
      const text = body.payload.toString()
      const tokenPart = text.slice(0, text.indexOf(`--${BOUNDARY}`, 1))
      return { headers: body.headers, payload: Buffer.from(text.slice(tokenPart.length).replace(`--${BOUNDARY}--`, `${tokenPart}--${BOUNDARY}--`)) }
    })()],
    ['an exported file with CRLF', upload({ _csrf: token, mode: 'append' }, 'symbol,shares,price,cost\r\nAAPL,15,302.17,4532.55\r\n')]
  ]
}

t.test('every prefix of a good upload, by Content-Length: a 4xx, nothing saved, nothing thrown', async (t) => {
  const escaped = tripwire(t)
  const { browser, token, cookie } = await visitor(t)
  for (const [name, { payload, headers }] of goodUploads(token)) {
    const wrong: string[] = []
    for (let cut = 0; cut < cutPoints(payload); cut++) {
      const response = await browser.app.inject({ method: 'POST', url: '/stocks/import', payload: payload.subarray(0, cut), headers: { ...headers, cookie } })
      if (response.statusCode < 400 || response.statusCode >= 500 || setCookies(response).size > 0) wrong.push(`${cut}: ${response.statusCode}`)
    }
    t.same(wrong, [], `${name}: each of ${cutPoints(payload)} cuts refused`)
    const whole = await browser.app.inject({ method: 'POST', url: '/stocks/import', payload, headers: { ...headers, cookie } })
    t.equal(whole.statusCode, 302, `${name}: the whole upload is accepted, so the cuts are what was refused`)
  }
  await new Promise((resolve) => setImmediate(resolve))
  t.same(escaped(), [], 'nothing escaped')
})

t.test('every prefix over a real socket: chunked, and half-closed short of its Content-Length', async (t) => {
  const escaped = tripwire(t)
  const { browser, token, cookie } = await visitor(t)
  const url = await browser.app.listen({ host: '127.0.0.1', port: 0 })
  const [, { payload, headers }] = goodUploads(token)[0] as [string, ReturnType<typeof upload>]
  const head = { 'Content-Type': headers['content-type'] as string, Cookie: cookie }
  const wrong: string[] = []
  for (let cut = 0; cut < cutPoints(payload); cut++) {
    const prefix = payload.subarray(0, cut)
    const chunked = await rawExchange(url, Buffer.concat([
      Buffer.from(importHead('/stocks/import', { ...head, 'Transfer-Encoding': 'chunked' })),
      ...(cut > 0 ? [chunk(prefix)] : []),
      chunk(Buffer.alloc(0))
    ]))
    if (!/^HTTP\/1\.1 4\d\d /.test(chunked) || /set-cookie/i.test(chunked)) wrong.push(`chunked ${cut}: ${chunked.slice(0, 20)}`)
    const halfClosed = await rawExchange(url, Buffer.concat([
      Buffer.from(importHead('/stocks/import', { ...head, 'Content-Length': String(payload.length) })),
      prefix
    ]), { halfClose: true })
    // A client that stops sending may get a 400 or just the closed socket; never anything else.
    if (halfClosed !== '' && (!/^HTTP\/1\.1 4\d\d /.test(halfClosed) || /set-cookie/i.test(halfClosed))) wrong.push(`half-closed ${cut}: ${halfClosed.slice(0, 20)}`)
  }
  t.same(wrong, [], `${cutPoints(payload)} cuts, each chunked and half-closed: refused`)
  t.equal(await holdingCount(browser), 1, 'the portfolio is as it was')
  t.equal((await fetch(`${url}/health`)).status, 200, 'the server still answers')
  t.same(escaped(), [], 'nothing escaped')
})

t.test('malformed framing and headers: a 4xx that says why, nothing saved', async (t) => {
  const escaped = tripwire(t)
  const { browser, token, cookie } = await visitor(t)
  const good = upload({ _csrf: token }, GOOD_CSV).payload.toString()
  const type = `multipart/form-data; boundary=${BOUNDARY}`
  const cases: Array<[string, string, string]> = [
    ['no boundary', 'multipart/form-data', good],
    ['an empty boundary', 'multipart/form-data; boundary=', good],
    ['an unterminated quoted boundary', 'multipart/form-data; boundary="abc', good],
    ['a boundary the body does not use', 'multipart/form-data; boundary=other', good],
    ['a boundary of 300 characters', `multipart/form-data; boundary=${'b'.repeat(300)}`, good.replaceAll(BOUNDARY, 'b'.repeat(300))],
    ['LF line ends', type, good.replaceAll('\r\n', '\n')],
    ['a part without Content-Disposition', type, good.replace('Content-Disposition: form-data; name="_csrf"', 'X-Nothing: here')],
    ['an attachment, not form-data', type, good.replace('form-data; name="_csrf"', 'attachment; name="_csrf"')],
    ['a part header without a colon', type, good.replace('Content-Disposition: form-data; name="_csrf"', 'Content-Disposition form-data name=_csrf')],
    ['3,000 header lines before the file\'s name', type, good.replace('Content-Disposition: form-data; name="file"', `${'X: y\r\n'.repeat(3000)}Content-Disposition: form-data; name="file"`)],
    ['a nested multipart body as the file', type, good.replace('Content-Type: text/csv', 'Content-Type: multipart/mixed; boundary=inner').replace(GOOD_CSV, `--inner\r\nContent-Type: text/csv\r\n\r\n${GOOD_CSV}\r\n--inner--`)],
    ['two files', type, good.replace(`--${BOUNDARY}--`, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="b.csv"\r\n\r\nx\r\n--${BOUNDARY}--`)],
    ['a text field over 1,000 characters', type, good.replace(`--${BOUNDARY}--`, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="mode"\r\n\r\n${'replace'.repeat(800)}\r\n--${BOUNDARY}--`)],
    ['nothing but a close delimiter', type, `--${BOUNDARY}--\r\n`],
    ['garbage', type, '\u0000\u00ff'.repeat(100)]
  ]
  for (const [name, contentType, payload] of cases) {
    const response = await browser.app.inject({ method: 'POST', url: '/stocks/import', payload, headers: { 'content-type': contentType, cookie } })
    // 400 for what busboy or the import refuses; 403 where the framing lost the form's token.
    t.ok(response.statusCode === 400 || response.statusCode === 403, `${name}: ${response.statusCode}`)
    t.match(response.body, /Nothing was (changed|imported)|Load the page again/, `${name}: says why`)
    t.equal(setCookies(response).size, 0, `${name}: nothing saved`)
  }
  const long = await browser.app.inject({ method: 'POST', url: '/stocks/import', payload: cases[12]?.[2], headers: { 'content-type': type, cookie } })
  t.match(long.body, 'A field of the import form was longer than 1,000 characters', 'a field over its limit is refused, not cut')
  const urlencoded = await browser.app.inject({ method: 'POST', url: '/stocks/import', payload: `_csrf=${token}&mode=append`, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } })
  t.equal(urlencoded.statusCode, 415, 'the import takes multipart/form-data only')
  t.equal(await holdingCount(browser), 1)
  t.same(escaped(), [], 'nothing escaped')
})

t.test('random bodies: never a 5xx, never an escape', async (t) => {
  const escaped = tripwire(t)
  const { browser, token, cookie } = await visitor(t)
  const piece = fc.oneof(
    fc.constantFrom(`--${BOUNDARY}`, `--${BOUNDARY}--`, '\r\n', '\r\n\r\n', '--', 'Content-Disposition: form-data; ',
      'name="file"; filename="a.csv"', 'name="_csrf"', 'name="mode"', 'Content-Type: text/csv', token, GOOD_CSV, 'replace'),
    fc.string({ maxLength: 20 }),
    fc.uint8Array({ maxLength: 20 }).map((bytes) => Buffer.from(bytes).toString('latin1'))
  )
  await fc.assert(fc.asyncProperty(fc.array(piece, { maxLength: 40 }), async (pieces) => {
    const response = await browser.app.inject({ method: 'POST', url: '/stocks/import', payload: Buffer.from(pieces.join(''), 'latin1'), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, cookie } })
    return response.statusCode === 302 || (response.statusCode >= 400 && response.statusCode < 500)
  }), { numRuns: 500 })
  t.same(escaped(), [], 'nothing escaped')
})

t.test('the whole body is bounded: 413 at the bound, the rest never read', async (t) => {
  const escaped = tripwire(t)
  const { browser, token, cookie } = await visitor(t)
  const url = await browser.app.listen({ host: '127.0.0.1', port: 0 })
  const { payload, headers } = upload({ _csrf: token }, GOOD_CSV)
  const head = { 'Content-Type': headers['content-type'] as string, Cookie: cookie }

  const preamble = Buffer.concat([Buffer.alloc(64 * 1024, 'p'), Buffer.from('\r\n'), payload])
  const byLength = await browser.app.inject({ method: 'POST', url: '/stocks/import', payload: preamble, headers: { ...headers, cookie } })
  t.equal(byLength.statusCode, 413, 'a 64 KiB preamble: 413')
  t.match(byLength.body, 'The file was larger than 16 KiB')
  const epilogue = await browser.app.inject({ method: 'POST', url: '/stocks/import', payload: Buffer.concat([payload, Buffer.alloc(64 * 1024, 'e')]), headers: { ...headers, cookie } })
  t.equal(epilogue.statusCode, 413, 'a 64 KiB epilogue: 413')

  const announced = await rawExchange(url, Buffer.from(importHead('/stocks/import', { ...head, 'Content-Length': '500000000' })))
  t.match(announced, /^HTTP\/1\.1 413 /, 'Content-Length of 500 MB: 413 before a byte of the body')

  // Chunked: send 1 KiB chunks until the answer comes; it must come right after the bound.
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  const received = { answer: '' }
  let sent = 0
  socket.on('data', (data: Buffer) => { received.answer += data.toString('latin1') })
  socket.on('error', () => {})
  socket.write(importHead('/stocks/import', { ...head, 'Transfer-Encoding': 'chunked' }))
  while (received.answer === '' && sent < 10 * 1024 * 1024) {
    socket.write(chunk(Buffer.alloc(1024, 'p')))
    sent += 1024
    await new Promise((resolve) => setTimeout(resolve, sent % 32768 === 0 ? 10 : 0))
  }
  socket.destroy()
  t.match(received.answer, /^HTTP\/1\.1 413 /, 'an endless chunked body: 413')
  t.ok(sent <= 256 * 1024, `answered after ${sent / 1024} KiB sent (the bound is 20 KiB; socket buffers account for the rest)`)
  t.equal(await holdingCount(browser), 1)
  t.same(escaped(), [], 'nothing escaped')
})
