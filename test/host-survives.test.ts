import t from 'tap'
import { once } from 'node:events'
import { BOUNDARY, chunk, importHead, rawExchange } from './upload-helper.js'
import { startHost } from './host-process.js'

// The cut upload that once killed the process, sent to a host app that embeds the built
// plugin under a prefix: the host's own route must still answer, and the host still run.

t.setTimeout(120_000)

t.test('a cut upload under a prefix leaves the host app running', async (t) => {
  const { host, url, output: printed } = await startHost(t, 'test/fixtures/host-app.mjs')
  // Listened for from the start: a host that dies at any point is seen, however late.
  const exited = once(host, 'exit') as Promise<[number | null, NodeJS.Signals | null]>

  const cut = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nsymbol,shares`)
  const type = `multipart/form-data; boundary=${BOUNDARY}`
  const byLength = await rawExchange(url, Buffer.concat([Buffer.from(importHead('/portfolio/stocks/import', { 'Content-Type': type, 'Content-Length': String(cut.length) })), cut]))
  t.match(byLength, /^HTTP\/1\.1 400 /, 'cut by Content-Length: 400')
  const chunked = await rawExchange(url, Buffer.concat([Buffer.from(importHead('/portfolio/stocks/import', { 'Content-Type': type, 'Transfer-Encoding': 'chunked' })), chunk(cut), chunk(Buffer.alloc(0))]))
  t.match(chunked, /^HTTP\/1\.1 400 /, 'cut and chunked: 400')
  // Each exchange ended when the host closed its connection, so the cut bodies were read and
  // answered; a request after them is handled once what they set off in the host has run.
  t.same(await (await fetch(`${url}/host`)).json(), { host: 'alive' }, 'the host\'s own route answers')
  t.equal(host.exitCode, null, 'the host process is still running')
  // The host exits 0 when told to: had anything escaped before, it would have died with code 1.
  host.disconnect()
  const [code, signal] = await exited
  t.same([code, signal], [0, null], 'the host lived until told to exit, and exited cleanly')
  t.notMatch(printed(), /Part terminated early|uncaught/i, 'nothing was thrown')
})
