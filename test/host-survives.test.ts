import t from 'tap'
import { type ChildProcessByStdio, spawn } from 'node:child_process'
import type { Readable } from 'node:stream'
import { once } from 'node:events'
import { BOUNDARY, chunk, importHead, rawExchange } from './upload-helper.js'

// The cut upload that once killed the process, sent to a host app that embeds the built
// plugin under a prefix: the host's own route must still answer, and the host still run.

t.setTimeout(120_000)

t.test('a cut upload under a prefix leaves the host app running', async (t) => {
  const { NODE_V8_COVERAGE, ...env } = process.env
  const host = spawn(process.execPath, ['test/fixtures/host-app.mjs'], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }) as ChildProcessByStdio<null, Readable, Readable>
  t.teardown(() => { host.kill('SIGKILL') })
  let output = ''
  host.stderr.on('data', (data: Buffer) => { output += data.toString() })
  const url = await new Promise<string>((resolve, reject) => {
    host.stdout.on('data', (data: Buffer) => {
      output += data.toString()
      const match = /listening (http:\S+)/.exec(output)
      if (match !== null) resolve(match[1] as string)
    })
    host.on('exit', () => reject(new Error(`the host exited: ${output}`)))
  })

  const cut = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nsymbol,shares`)
  const type = `multipart/form-data; boundary=${BOUNDARY}`
  const byLength = await rawExchange(url, Buffer.concat([Buffer.from(importHead('/portfolio/stocks/import', { 'Content-Type': type, 'Content-Length': String(cut.length) })), cut]))
  t.match(byLength, /^HTTP\/1\.1 400 /, 'cut by Content-Length: 400')
  const chunked = await rawExchange(url, Buffer.concat([Buffer.from(importHead('/portfolio/stocks/import', { 'Content-Type': type, 'Transfer-Encoding': 'chunked' })), chunk(cut), chunk(Buffer.alloc(0))]))
  t.match(chunked, /^HTTP\/1\.1 400 /, 'cut and chunked: 400')
  await new Promise((resolve) => setTimeout(resolve, 200))
  t.same(await (await fetch(`${url}/host`)).json(), { host: 'alive' }, 'the host\'s own route answers')
  t.equal(host.exitCode, null, 'the host process is still running')
  host.disconnect()
  await once(host, 'exit')
  t.notMatch(output, /Part terminated early|uncaught/i, 'nothing was thrown')
})
