import t, { type Test } from 'tap'
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { once } from 'node:events'
import { KEY_A } from './helper.js'

// The real entry points, run as their own processes with the loader this test runs under.
function run (script: string, env: Record<string, string>, preload: string[] = []): ChildProcessWithoutNullStreams {
  const { SESSION_KEY, NODE_ENV, ...inherited } = process.env
  return spawn(process.execPath, [...process.execArgv, ...preload, script], { env: { ...inherited, ...env } })
}

async function finish (child: ChildProcessWithoutNullStreams): Promise<{ code: number | null, stdout: string, stderr: string }> {
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const [code] = await once(child, 'exit') as [number | null]
  return { code, stdout, stderr }
}

/** Starts src/server.ts on a free port and waits until it listens. */
async function start (t: Test, env: Record<string, string>, preload: string[] = []): Promise<{ child: ChildProcessWithoutNullStreams, url: string, output: () => string }> {
  const child = run('src/server.ts', { PORT: '0', ...env }, preload)
  t.teardown(() => { child.kill('SIGKILL') })
  let output = ''
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match !== null) resolve(match[1] as string)
    })
    child.on('exit', () => reject(new Error(`server exited: ${output}`)))
  })
  return { child, url, output: () => output }
}

t.test('a malformed SESSION_KEY stops start-up with a message on stderr naming it', async (t) => {
  for (const [key, message] of [['abc', 'SESSION_KEY: the key is 3 hex characters'], [`${KEY_A},`, 'SESSION_KEY: key 2 of 2 is empty'], ['g'.repeat(64), 'not hex digits']]) {
    const { code, stderr } = await finish(run('src/server.ts', { SESSION_KEY: key as string }))
    t.equal(code, 1)
    t.match(stderr, message)
  }
})

t.test('in production the server refuses to start without SESSION_KEY', async (t) => {
  const { code, stderr } = await finish(run('src/server.ts', { NODE_ENV: 'production' }))
  t.equal(code, 1)
  t.match(stderr, 'SESSION_KEY is required when NODE_ENV=production')
})

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  t.test(`serves the pages, and ${signal} closes it gracefully with exit code 0`, async (t) => {
    const { child, url, output } = await start(t, { LOG_LEVEL: 'info' })
    t.match(output(), 'SESSION_KEY is not set: using a random key for this run only', 'a generated key is warned about')
    const page = await fetch(`${url}/add_stock`)
    t.equal(page.status, 200)
    t.match(page.headers.get('content-security-policy'), "style-src 'self'")
    t.match(await page.text(), 'Stock Symbol')
    t.equal((await fetch(`${url}/health`)).status, 200)
    const started = Date.now()
    child.kill(signal)
    const [code] = await once(child, 'exit') as [number | null]
    t.equal(code, 0)
    t.ok(Date.now() - started < 5000, 'within 5 s')
  })
}

t.test('an uncaught error closes the server, logged, with exit code 1', async (t) => {
  const { child, output } = await start(t, { LOG_LEVEL: 'info', SESSION_KEY: KEY_A }, ['--import', './test/fixtures/throw-on-sigusr2.ts'])
  child.kill('SIGUSR2')
  const [code] = await once(child, 'exit') as [number | null]
  t.equal(code, 1)
  const closing = output().split('\n').filter(Boolean).map((line) => JSON.parse(line)).find((line) => line.msg === 'server closing after an error')
  t.equal(closing?.level, 50)
  t.equal(closing?.err.message, 'uncaught on purpose')
})

t.test('npm run genkey prints a fresh 64-hex-character key', async (t) => {
  const { code, stdout } = await finish(run('src/genkey.ts', {}))
  t.equal(code, 0)
  t.match(stdout, /^[0-9a-f]{64}\n$/)
})
