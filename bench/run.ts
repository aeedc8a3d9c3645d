// npm run bench: the portfolio server against bare Fastify, in the same run, as ratios.
// Both run as their own processes in production mode on loopback; autocannon runs here.
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, platform, release } from 'node:os'
import type { ChildProcess } from 'node:child_process'
import autocannon from 'autocannon'
import { generateKey } from '../src/keys.js'
import { cpuMicros, rssMb, startProcess } from './server-process.js'
import { HttpSession } from '../test/http-session.js'

const DURATION = Number(process.env.BENCH_SECONDS ?? 8)
const WARMUP = 2
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 3)
const CONNECTIONS = 16
const KEY = generateKey()

interface Scenario {
  name: string
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
  /** The response size the baseline's GET imitates. */
  bytes?: number
}

interface Sample { rps: number, p99: number, cpu: number, non2xx3xx: number, errors: number }

/** A browser's session, built through the real pages: returns its cookie and a CSRF token. */
async function session (url: string, holdings: number | 'full'): Promise<{ cookie: string, token: string, count: number }> {
  const session = await HttpSession.open(url)
  const limit = holdings === 'full' ? Infinity : holdings
  let count = 0
  for (; count < limit; count++) {
    const response = await session.addStock(`S${String(count).padStart(3, '0')}`, 150, '302.17')
    if (response.status === 409) break
    if (response.status !== 302) throw new Error(`POST /add_stock answered ${response.status}`)
  }
  // Read the list once so the "Added …" message is taken off the session, as a browser would.
  await (await session.get('/stocks/')).arrayBuffer()
  return { cookie: session.cookie, token: session.token, count }
}

async function measure (server: ChildProcess, url: string, scenario: Scenario, seconds: number): Promise<Sample> {
  const cpuBefore = cpuMicros(server)
  const result = await autocannon({
    url: url + scenario.path,
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    connections: CONNECTIONS,
    duration: seconds
  })
  // autocannon's non2xx counts the POST's 302 too; count what is neither 2xx nor 3xx.
  const refused = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => Number(code) >= 400).reduce((sum, [, { count = 0 }]) => sum + count, 0)
  const cpu = (cpuMicros(server) - cpuBefore) / result.requests.total
  return { rps: result.requests.average, p99: result.latency.p99, cpu, non2xx3xx: refused, errors: result.errors + result.timeouts }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

const portfolio = await startProcess(['dist/src/server/server.js'], { NODE_ENV: 'production', SESSION_KEY: KEY, LOG_LEVEL: 'warn' })
const baseline = await startProcess(['--import', 'tsx', 'bench/baseline.ts'], { NODE_ENV: 'production' })

try {
  const ten = await session(portfolio.url, 10)
  const full = await session(portfolio.url, 'full')
  const pageBytes = async (path: string, cookie: string): Promise<number> =>
    (await (await fetch(portfolio.url + path, { headers: { cookie } })).arrayBuffer()).byteLength
  const form = 'application/x-www-form-urlencoded'
  const post = new URLSearchParams({ stock_symbol: 'AAPL', number_of_shares: '15', purchase_price: '302.17', _csrf: ten.token }).toString()

  const scenarios: Array<{ ours: Scenario, floor: Scenario }> = []
  for (const [name, cookie] of [['GET /stocks/ (10 holdings)', ten.cookie], ['GET /add_stock (10 holdings)', ten.cookie], [`GET /stocks/ (full: ${full.count} holdings)`, full.cookie]] as const) {
    const path = name.startsWith('GET /stocks/') ? '/stocks/' : '/add_stock'
    const bytes = await pageBytes(path, cookie)
    scenarios.push({
      ours: { name, method: 'GET', path, headers: { cookie }, bytes },
      floor: { name, method: 'GET', path: `/page?bytes=${bytes}`, headers: {} }
    })
  }
  // A fixed starting cookie: every request adds the 11th holding to the same 10 and is answered
  // with a re-issued cookie, so the session does not grow through the run.
  scenarios.splice(1, 0, {
    ours: { name: 'POST /add_stock (10 holdings, valid token)', method: 'POST', path: '/add_stock', headers: { cookie: ten.cookie, 'content-type': form }, body: post },
    floor: { name: 'POST', method: 'POST', path: '/add_stock', headers: { 'content-type': form }, body: post }
  })

  const samples = new Map<string, { ours: Sample[], floor: Sample[] }>(scenarios.map(({ ours }) => [ours.name, { ours: [], floor: [] }]))
  const rss: number[] = [rssMb(portfolio.child)]
  const baselineRss: number[] = [rssMb(baseline.child)]
  for (let repetition = 0; repetition < REPETITIONS; repetition++) {
    // Interleaved, and the order turned each time, so drift in the machine falls on both sides.
    const order = repetition % 2 === 0 ? scenarios : [...scenarios].reverse()
    for (const { ours, floor } of order) {
      const pair = repetition % 2 === 0 ? [['floor', floor, baseline], ['ours', ours, portfolio]] as const : [['ours', ours, portfolio], ['floor', floor, baseline]] as const
      for (const [side, scenario, server] of pair) {
        await measure(server.child, server.url, scenario, WARMUP)
        const sample = await measure(server.child, server.url, scenario, DURATION)
        samples.get(ours.name)?.[side].push(sample)
        process.stderr.write(`${repetition + 1}/${REPETITIONS} ${side.padEnd(5)} ${ours.name}: ${Math.round(sample.rps)} req/s, p99 ${sample.p99} ms\n`)
      }
    }
    rss.push(rssMb(portfolio.child))
    baselineRss.push(rssMb(baseline.child))
  }

  const lines = [
    '| scenario | req/s | baseline req/s | ratio | p99 ms | baseline p99 ms | p99 ratio | server CPU µs/request (baseline) | non-2xx/3xx, errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|'
  ]
  for (const { ours } of scenarios) {
    const { ours: mine, floor } = samples.get(ours.name) as { ours: Sample[], floor: Sample[] }
    const rps = median(mine.map((s) => s.rps))
    const floorRps = median(floor.map((s) => s.rps))
    const p99 = median(mine.map((s) => s.p99))
    const floorP99 = median(floor.map((s) => s.p99))
    const cpu = median(mine.map((s) => s.cpu))
    const floorCpu = median(floor.map((s) => s.cpu))
    const bad = mine.reduce((sum, s) => sum + s.non2xx3xx + s.errors, 0)
    lines.push(`| ${ours.name}${ours.bytes === undefined ? '' : `, ${ours.bytes} B page`} | ${Math.round(rps)} | ${Math.round(floorRps)} | **${(rps / floorRps).toFixed(2)}** | ${p99} | ${floorP99} | ${(p99 / Math.max(floorP99, 1)).toFixed(2)} | ${Math.round(cpu)} (${Math.round(floorCpu)}) | ${bad} |`)
  }
  const cpu = cpus()
  const report = [
    '# Benchmark results',
    '',
    `Run by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}.`,
    `Both servers in production mode (logger at warn) on loopback; autocannon in the same machine with ${CONNECTIONS} connections,`,
    `${WARMUP} s warm-up discarded, then ${DURATION} s; medians of ${REPETITIONS} interleaved repetitions. The baseline is bare`,
    'Fastify answering an HTML string of the same size (GET) or a 302 (POST): no session, no templates.',
    '',
    ...lines,
    '',
    `Cookie capacity: **${full.count} holdings** (4-letter symbol, 3-digit shares, 2-decimal price) fit in one cookie of at most 4096 bytes, uncompressed.`,
    '',
    `RSS of the portfolio server: ${rss.map((mb) => `${mb.toFixed(0)} MB`).join(' → ')} (at start, then after each repetition);`,
    `of the baseline: ${baselineRss.map((mb) => `${mb.toFixed(0)} MB`).join(' → ')}.`,
    ''
  ].join('\n')
  const previous = (() => { try { return readFileSync('bench/results.md', 'utf8') } catch { return '' } })()
  const notes = previous.includes('## Where the time goes') ? previous.slice(previous.indexOf('## Where the time goes')) : ''
  writeFileSync('bench/results.md', report + (notes === '' ? '' : '\n' + notes))
  console.log(report)
} finally {
  portfolio.child.kill('SIGTERM')
  baseline.child.kill('SIGTERM')
}
