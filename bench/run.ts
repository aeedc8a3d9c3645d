// npm run bench: the portfolio server against three others in the same run, as server CPU per
// request and as requests per second: the same features assembled from the ecosystem
// (bench/equivalent/app.ts), the straightforward Fastify app of the same pages without CSRF or
// headers (bench/straightforward/app.ts) and bare Fastify answering a string of the same size
// (bench/baseline.ts). Every server runs as its own process in production mode on loopback;
// autocannon runs here.
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, platform, release } from 'node:os'
import type { ChildProcess } from 'node:child_process'
import autocannon from 'autocannon'
import { generateKey } from '../src/keys.js'
import { cpuMicros, rssMb, START_FLAGS, startProcess } from './server-process.js'
import { HttpSession } from '../clients/http-session.js'
import { coldStart } from './cold-start/run.js'

const DURATION = Number(process.env.BENCH_SECONDS ?? 2)
const WARMUP = 1
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 7)
const CONNECTIONS = [16, 50]

interface Server { name: string, child: ChildProcess, url: string }
/** `expect`: a 4xx this request is meant to get (a refused import), not counted as a failure. */
interface Request { method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string, expect?: number }
interface Sample { rps: number, p99: number, cpu: number, bad: number }
type Peer = 'equivalent' | 'straightforward'
const PEERS: Peer[] = ['equivalent', 'straightforward']
/** The samples of the scenario a `versus` names, taken beside the scenario held to it. */
const VERSUS = 'versus'
interface Scenario {
  name: string
  ours: Request
  /** The same page on each peer, with the most our CPU per request may be, as a ratio of theirs. */
  peers?: Record<Peer, { request: Request, ratio: number }>
  /** The size of our response, which the bare baseline imitates. */
  bytes: number
  /** Without peers: the most server CPU per request allowed, in µs. */
  micros?: number
  /** Or: the most our CPU per request may be, as a ratio of ours on another scenario in the same repetition. */
  versus?: { scenario: string, ratio: number }
}

const form = 'application/x-www-form-urlencoded'
const KEY = generateKey()

/** A session built through the real pages: `count` purchases, or as many as fit. */
async function fill (url: string, count: number, purchase: (i: number) => [string, number, string], csrf = true): Promise<{ cookie: string, token: string, count: number }> {
  const session = await HttpSession.open(url, { csrf })
  let added = 0
  for (; added < count; added++) {
    const response = await session.addStock(...purchase(added))
    await response.arrayBuffer()
    if (response.status === 409) break
    if (response.status !== 302) throw new Error(`POST /add_stock answered ${response.status}`)
  }
  // Read the list once, so the "Added …" message is taken off the session, as a browser would.
  await (await session.get('/stocks/')).arrayBuffer()
  return { cookie: session.cookie, token: session.token, count: added }
}

async function measure (server: Server, request: Request, connections: number, seconds: number): Promise<Sample> {
  const before = cpuMicros(server.child)
  const result = await autocannon({ url: server.url + request.path, method: request.method, headers: request.headers, body: request.body, connections, duration: seconds })
  const refused = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => Number(code) >= 400 && Number(code) !== request.expect).reduce((sum, [, { count = 0 }]) => sum + count, 0)
  return { rps: result.requests.average, p99: result.latency.p99, cpu: (cpuMicros(server.child) - before) / result.requests.total, bad: refused + result.errors + result.timeouts }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

// Measured first, while no server of the benchmark runs.
const COLD_STARTS = 9
const cold = await coldStart(COLD_STARTS)

const env = { NODE_ENV: 'production', SESSION_KEY: KEY, LOG_LEVEL: 'warn' }
const ours: Server = { name: 'ours', ...await startProcess(['dist/src/server/server.js'], env) }
const equivalent: Server = { name: 'equivalent', ...await startProcess(['--import', 'tsx', 'bench/equivalent/app.ts'], env) }
const straightforward: Server = { name: 'straightforward', ...await startProcess(['--import', 'tsx', 'bench/straightforward/app.ts'], env) }
const bare: Server = { name: 'bare', ...await startProcess(['--import', 'tsx', 'bench/baseline.ts'], env) }
const servers = [ours, equivalent, straightforward, bare]
const peerServers: Record<Peer, Server> = { equivalent, straightforward }

try {
  const realistic = (i: number): [string, number, string] => [`S${String(i).padStart(3, '0')}`, 150, '302.17']
  const ten = await fill(ours.url, 10, realistic)
  const equivalentTen = await fill(equivalent.url, 10, realistic)
  // The straightforward app's form has no CSRF token.
  const plainTen = await fill(straightforward.url, 10, realistic, false)
  const full = await fill(ours.url, Infinity, realistic)
  const tiny = await fill(ours.url, Infinity, (i) => [String.fromCharCode(65 + (i % 26)), 1, '1'])
  const size = async (path: string, cookie: string, headers: Record<string, string> = {}): Promise<number> => (await (await fetch(ours.url + path, { headers: { cookie, ...headers } })).arrayBuffer()).byteLength
  const post = (token: string): string => new URLSearchParams({ stock_symbol: 'AAPL', number_of_shares: '15', purchase_price: '302.17', _csrf: token }).toString()
  // The costliest import one can send: as many purchases as are read (500), each with three
  // problems, in lines as long as the 16 KiB file allows. It is refused whole (400).
  const boundary = 'bench-boundary'
  const worstFile = `symbol,shares,price\n${'SYMBOL-TOO-LONG-X,99999999999x,-1.23456\n'.repeat(500)}`.slice(0, 16 * 1024)
  const worstImport = [
    `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${ten.token}\r\n`,
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="worst.csv"\r\nContent-Type: text/csv\r\n\r\n${worstFile}\r\n`,
    `--${boundary}--\r\n`
  ].join('')

  const scenarios: Scenario[] = [
    {
      name: 'GET /stocks/, 10 holdings',
      ours: { method: 'GET', path: '/stocks/', headers: { cookie: ten.cookie } },
      peers: {
        equivalent: { request: { method: 'GET', path: '/stocks/', headers: { cookie: equivalentTen.cookie } }, ratio: 1 },
        straightforward: { request: { method: 'GET', path: '/stocks/', headers: { cookie: plainTen.cookie } }, ratio: 1.5 }
      },
      bytes: await size('/stocks/', ten.cookie)
    },
    {
      name: 'GET /stocks/, 10 holdings, in German',
      ours: { method: 'GET', path: '/stocks/', headers: { cookie: ten.cookie, 'accept-language': 'de' } },
      bytes: await size('/stocks/', ten.cookie, { 'accept-language': 'de' }),
      versus: { scenario: 'GET /stocks/, 10 holdings', ratio: 1.05 }
    },
    {
      // Every request adds an 11th holding to the same 10 and is answered with a re-issued cookie.
      name: 'POST /add_stock, 10 holdings',
      ours: { method: 'POST', path: '/add_stock', headers: { cookie: ten.cookie, 'content-type': form }, body: post(ten.token) },
      peers: {
        equivalent: { request: { method: 'POST', path: '/add_stock', headers: { cookie: equivalentTen.cookie, 'content-type': form }, body: post(equivalentTen.token) }, ratio: 1 },
        straightforward: { request: { method: 'POST', path: '/add_stock', headers: { cookie: plainTen.cookie, 'content-type': form }, body: post('') }, ratio: 1.2 }
      },
      bytes: 0
    },
    {
      name: 'GET /add_stock',
      ours: { method: 'GET', path: '/add_stock', headers: { cookie: ten.cookie } },
      peers: {
        equivalent: { request: { method: 'GET', path: '/add_stock', headers: { cookie: equivalentTen.cookie } }, ratio: 1 },
        straightforward: { request: { method: 'GET', path: '/add_stock', headers: { cookie: plainTen.cookie } }, ratio: 1.3 }
      },
      bytes: await size('/add_stock', ten.cookie)
    },
    {
      name: `GET /stocks/, full: ${full.count} realistic holdings`,
      ours: { method: 'GET', path: '/stocks/', headers: { cookie: full.cookie } },
      bytes: await size('/stocks/', full.cookie),
      micros: 200
    },
    {
      name: `GET /stocks/, full: ${tiny.count} one-letter holdings`,
      ours: { method: 'GET', path: '/stocks/', headers: { cookie: tiny.cookie } },
      bytes: await size('/stocks/', tiny.cookie),
      micros: 200
    },
    {
      // The JSON read: the list page's first 50 purchases as data, with the whole portfolio's total.
      name: `GET /stocks/ as JSON, full: ${tiny.count} one-letter holdings`,
      ours: { method: 'GET', path: '/stocks/', headers: { cookie: tiny.cookie, accept: 'application/json' } },
      bytes: await size('/stocks/', tiny.cookie, { accept: 'application/json' }),
      versus: { scenario: `GET /stocks/, full: ${tiny.count} one-letter holdings`, ratio: 1 }
    },
    {
      name: 'POST /stocks/import, the worst file: 500 purchases, 1,500 problems',
      ours: { method: 'POST', path: '/stocks/import', headers: { cookie: ten.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, body: worstImport, expect: 400 },
      bytes: 0,
      versus: { scenario: 'GET /stocks/, 10 holdings', ratio: 5 }
    }
  ]

  const samples = new Map<string, Sample[]>()
  const record = (key: string, sample: Sample): void => { samples.set(key, [...(samples.get(key) ?? []), sample]) }
  const rss = new Map<string, number[]>(servers.map((server) => [server.name, []]))
  for (let repetition = 0; repetition < REPETITIONS; repetition++) {
    for (const connections of CONNECTIONS) {
      for (const scenario of repetition % 2 === 0 ? scenarios : [...scenarios].reverse()) {
        const base = scenarios.find((other) => other.name === scenario.versus?.scenario)
        // [server, request, what the sample is of]
        const runs: Array<[Server, Request, string]> = [
          [ours, scenario.ours, ours.name],
          // A scenario held to another of ours has that one measured again right beside it: the
          // VM's speed drifts more in the minute between the two scenarios than a few percent.
          ...(base === undefined ? [] : [[ours, base.ours, VERSUS] as [Server, Request, string]]),
          ...PEERS.flatMap((peer): Array<[Server, Request, string]> => scenario.peers === undefined ? [] : [[peerServers[peer], scenario.peers[peer].request, peer]]),
          [bare, scenario.ours.method === 'POST'
            ? { method: 'POST', path: '/add_stock', headers: { 'content-type': form }, body: scenario.ours.body }
            : { method: 'GET', path: `/page?bytes=${scenario.bytes}`, headers: {} }, bare.name]
        ]
        // Interleaved, the order turned each time, so drift in the machine falls on every side.
        for (const [server, request, of] of repetition % 2 === 0 ? runs : runs.reverse()) {
          await measure(server, request, connections, WARMUP)
          const sample = await measure(server, request, connections, DURATION)
          record(`${scenario.name}|${connections}|${of}`, sample)
          process.stderr.write(`${repetition + 1}/${REPETITIONS} c=${connections} ${of.padEnd(15)} ${scenario.name}: ${Math.round(sample.rps)} req/s, ${sample.cpu.toFixed(1)} µs CPU, p99 ${sample.p99} ms\n`)
        }
        for (const server of servers) rss.get(server.name)?.push(rssMb(server.child))
      }
    }
  }

  const stat = (scenario: Scenario, connections: number, server: string): Sample | undefined => {
    const list = samples.get(`${scenario.name}|${connections}|${server}`)
    if (list === undefined) return undefined
    return { rps: median(list.map((s) => s.rps)), p99: median(list.map((s) => s.p99)), cpu: median(list.map((s) => s.cpu)), bad: list.reduce((sum, s) => sum + s.bad, 0) }
  }
  // Ours and each peer run back to back in each repetition; this VM's speed drifts by more than
  // the difference measured, so each repetition gives a ratio of its own and the median of those
  // is reported, rather than a ratio of medians taken minutes apart. (autocannon's latencies
  // are whole milliseconds, hence the floor of 1 ms for p99.)
  const pairedRatio = (scenario: Scenario, connections: number, peer: Peer, of: (sample: Sample) => number): number => {
    const mine = samples.get(`${scenario.name}|${connections}|ours`) as Sample[]
    const theirs = samples.get(`${scenario.name}|${connections}|${peer}`) as Sample[]
    return median(mine.map((sample, repetition) => of(sample) / of(theirs[repetition] as Sample)))
  }
  /** Ours on one scenario against ours on the other it is held to, measured beside it. */
  const selfRatio = (name: string, connections: number): number => {
    const mine = samples.get(`${name}|${connections}|ours`) as Sample[]
    const base = samples.get(`${name}|${connections}|${VERSUS}`) as Sample[]
    return median(mine.map((sample, repetition) => sample.cpu / (base[repetition] as Sample).cpu))
  }
  const cpuOf = (sample: Sample): number => sample.cpu
  const p99Of = (sample: Sample): number => Math.max(sample.p99, 1)
  const each = (values: Array<number | undefined>, digits: number): string => values.map((value) => value === undefined ? '–' : value.toFixed(digits)).join(' / ')
  const lines = [
    '| scenario | conn. | req/s: ours / equivalent / straightforward / bare | server CPU µs per request: ours / equivalent / straightforward / bare | CPU ratio to equivalent | CPU ratio to straightforward | p99 ms: ours / equivalent / straightforward | refused or failed: ours / equivalent | goal | met |',
    '|---|---:|---|---|---:|---:|---|---|---|---|'
  ]
  const failures: string[] = []
  for (const scenario of scenarios) {
    for (const connections of CONNECTIONS) {
      const [mine, same, plain, floor] = servers.map((server) => stat(scenario, connections, server.name)) as [Sample, Sample | undefined, Sample | undefined, Sample]
      const ratios = PEERS.map((peer) => scenario.peers === undefined ? undefined : pairedRatio(scenario, connections, peer, cpuOf))
      const versus = scenario.versus === undefined ? undefined : selfRatio(scenario.name, connections)
      const met = scenario.peers !== undefined
        ? PEERS.every((peer, i) => (ratios[i] as number) <= (scenario.peers as Record<Peer, { ratio: number }>)[peer].ratio)
        : scenario.versus !== undefined
          ? (versus as number) <= scenario.versus.ratio
          : mine.cpu <= (scenario.micros as number)
      const p99Met = scenario.peers === undefined || pairedRatio(scenario, connections, 'straightforward', p99Of) <= 1.5
      const ok = met && p99Met && mine.bad === 0 && (same?.bad ?? 0) === 0
      if (!ok) failures.push(`${scenario.name} at ${connections} connections`)
      const goal = scenario.peers !== undefined
        ? `≤ ${scenario.peers.equivalent.ratio}× equivalent, ≤ ${scenario.peers.straightforward.ratio}× straightforward, p99 ≤ 1.5× straightforward`
        : scenario.versus !== undefined
          ? `≤ ${scenario.versus.ratio}× "${scenario.versus.scenario}" (measured ${(versus as number).toFixed(2)}×)`
          : `≤ ${scenario.micros as number} µs`
      lines.push(`| ${scenario.name}${scenario.bytes > 0 ? `, ${scenario.bytes} B page` : ''} | ${connections} | ${each([mine.rps, same?.rps, plain?.rps, floor.rps], 0)} | ${each([mine.cpu, same?.cpu, plain?.cpu, floor.cpu], 1)} | ${each([ratios[0]], 2)} | ${each([ratios[1]], 2)} | ${each([mine.p99, same?.p99, plain?.p99], 0)} | ${mine.bad} / ${same === undefined ? '–' : same.bad} | ${goal} | ${ok ? 'yes' : '**no**'} |`)
    }
  }
  const rssLine = servers.map((server) => `${server.name}: ${(rss.get(server.name) ?? []).map((mb) => mb.toFixed(0)).join(' → ')} MB`).join('; ')
  const maxRss = (name: string): number => Math.max(...(rss.get(name) ?? []))
  if (maxRss('ours') > maxRss('equivalent')) failures.push(`RSS reached ${maxRss('ours').toFixed(0)} MB, the equivalent's ${maxRss('equivalent').toFixed(0)}`)
  const cpu = cpus()
  const report = [
    '# Benchmark results',
    '',
    `Run by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}.`,
    `Four servers in production mode (logger at warn), each run with npm start's Node flags (${START_FLAGS.join(' ')}), on loopback, autocannon in the same machine at ${CONNECTIONS.join(' and ')} connections,`,
    `${WARMUP} s warm-up discarded, then ${DURATION} s; medians of ${REPETITIONS} interleaved repetitions. "Server CPU per request" is the`,
    'server process\'s user + system time over the run divided by its requests: what a page costs, whatever the load generator can send.',
    'The CPU ratios, and the p99 ratio the goal column reads, are medians of the repetitions\' own ratios: ours and each peer measured back to back each time,',
    'and a scenario held to another of ours ("measured …×") has that other one measured again beside it.',
    'The equivalent is bench/equivalent/app.ts, the same features assembled from the ecosystem; the straightforward app is bench/straightforward/app.ts (no CSRF, no headers);',
    'bare is bare Fastify sending a string of the same size (GET) or a 302 (POST).',
    '',
    ...lines,
    '',
    `Cookie capacity: ${full.count} realistic holdings (4-character symbol, 3-digit shares, 2-decimal price), ${tiny.count} one-letter ones. The list shows 50 rows a page.`,
    '',
    `RSS after each run (MB): ${rssLine}. Goal: ours at most the equivalent's.`,
    '',
    failures.length === 0 ? 'Every goal is met.' : `Goals not met: ${failures.join('; ')}.`,
    '',
    '## Cold start',
    '',
    'What a host pays for the plugin at start-up (bench/cold-start/), measured before the servers above start: a bare host imports the built plugin,',
    'registers it with a key under a prefix, waits for `ready()` and sends its first request (the list page), each phase timed in a fresh process;',
    `${COLD_STARTS} such processes take turns with as many of the same host without the plugin, and of the host importing the packages the built`,
    'plugin imports at start-up (read off the bundle) and registering nothing: the floor the plugin\'s own code and routes add to.',
    '',
    cold,
    ''
  ].join('\n')
  const previous = (() => { try { return readFileSync('bench/results.md', 'utf8') } catch { return '' } })()
  const notes = previous.includes('## Where the time goes') ? previous.slice(previous.indexOf('## Where the time goes')) : ''
  writeFileSync('bench/results.md', report + (notes === '' ? '' : '\n' + notes))
  console.log(report)
} finally {
  for (const server of servers) server.child.kill('SIGTERM')
}
