import t, { type Test } from 'tap'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join, posix } from 'node:path'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { KEY_A } from './helper.js'
import { exec, finish, kill, launch, LISTENING, root, run, UNMEASURED, waitFor } from './process-helper.js'
import { HttpSession } from '../clients/http-session.js'

const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))
const readme = await readFile(join(root, 'README.md'), 'utf8')
const embedding = await readFile(join(root, 'docs/embedding.md'), 'utf8')
// npm, tsc and the hosts run outside the project: nothing of theirs counts toward its coverage.
const unmeasured = { ...process.env, ...UNMEASURED }
// Packing, installing and compiling take about a minute alone, minutes on a busy machine.
t.setTimeout(600_000)

/** The lowest Fastify the package declares and is tested with. */
const LOWEST_FASTIFY = '5.0.0'
/** Every dependency at the lowest version the package declares: the bounds are what it needs. */
const lowest: Record<string, string> = Object.fromEntries(Object.entries(pkg.dependencies as Record<string, string>)
  .map(([name, range]) => [name, (range.split('||')[0] as string).trim().replace(/^\^/, '')]))

/**
 * Packs a copy of the project, so that `prepack` builds from the sources alone and its rebuild
 * never removes the dist/ the other test files are running servers from.
 */
async function pack (dir: string): Promise<string> {
  const copy = join(dir, 'source')
  const skipped = new Set(['node_modules', 'dist', '.git', '.tap', 'coverage', '.tmp'])
  await cp(root, copy, { recursive: true, filter: (path) => !skipped.has(basename(path)) })
  await symlink(join(root, 'node_modules'), join(copy, 'node_modules'))
  const { stdout } = await exec('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: copy, env: unmeasured })
  return join(dir, stdout.trim().split('\n').at(-1) as string)
}

const dir = await mkdtemp(join(tmpdir(), 'portfolio-host-'))
// After the installs below, which a run filtered to other tests never awaits.
t.teardown(async () => { await Promise.allSettled(Object.values(hosts)); await rm(dir, { recursive: true, force: true }) })
const tarball = await pack(dir)

// The README's snippet, and a host that gets in the plugin's way: it signs its own cookies and
// widens them (domain, partitioned, secure), and mounts the plugin three times, each inside the
// one before, so that a browser sends every mount's cookie to the innermost.
const APPS = {
  'app.ts': (/## Embedding[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '').replace('port: 3000', 'port: 0'),
  'crowded.ts': `import Fastify from 'fastify'
import cookie from '@fastify/cookie'
import stockPortfolio from 'fastify-stock-portfolio'

const app = Fastify({ logger: true })
await app.register(cookie, {
  secret: 'the host app signs its own cookies',
  parseOptions: { signed: true, domain: 'example.com', partitioned: true, secure: true, sameSite: 'none' }
})
for (const prefix of ['', '/p', '/p/sub']) {
  await app.register(stockPortfolio, { prefix, key: process.env.PORTFOLIO_KEY as string })
}
await app.listen({ host: '127.0.0.1', port: 0 })
`,
  // docs/embedding.md's test of a host app: a form posted through inject.
  'host-test.ts': /## Your app's tests[\s\S]*?```ts\n([\s\S]*?)```/.exec(embedding)?.[1] ?? ''
}
const MOUNTS = [['', 'portfolio', 'AAPL'], ['/p', 'portfolio_p', 'MSFT'], ['/p/sub', 'portfolio_p_sub', 'SBUX']] as const

interface HostVersions {
  fastify: string
  /** The host's own @fastify/cookie: exact, as an override of the same package requires. */
  cookie: string
  /** A TypeScript for the host to install and compile with; without it, the project's. */
  typescript?: string
  /** Pins the plugin's dependencies; without it npm takes the newest its ranges admit. */
  overrides?: Record<string, string>
}

/**
 * A host app outside the repository, installed from the tarball beside `fastify` and the host's
 * own @fastify/cookie, with the apps above compiled by tsc (strict, NodeNext).
 */
async function installHost (name: string, { fastify, cookie, typescript, overrides = {} }: HostVersions): Promise<string> {
  const host = join(dir, name)
  await mkdir(host)
  await writeFile(join(host, 'package.json'), JSON.stringify({ name: 'host', private: true, type: 'module', overrides }))
  const own = typescript === undefined ? [] : [`typescript@${typescript}`]
  await exec('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-exact', `fastify@${fastify}`, `@fastify/cookie@${cookie}`, '@types/node@20', ...own, tarball], { cwd: host, env: unmeasured })
  for (const [file, source] of Object.entries(APPS)) await writeFile(join(host, file), source)
  await writeFile(join(host, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', outDir: 'out', types: ['node'] },
    include: Object.keys(APPS)
  }))
  // lib/tsc.js, not bin/tsc: tap's coverage loader, which tap adds to every child process, makes
  // Node 20 load TypeScript 7's bin, an ES module without an extension, as CommonJS, and fail.
  // lib/tsc.js is not a public entry point: a TypeScript that moves it fails here, loudly.
  await exec(process.execPath, [join(typescript === undefined ? root : host, 'node_modules/typescript/lib/tsc.js'), '-p', host], { env: unmeasured })
  return host
}

// Both installs at once: each takes most of a minute on a busy machine. Each test awaits its own;
// the catch only keeps a failure from being reported before its test reads it.
const hosts = {
  lowest: installHost('lowest', { fastify: LOWEST_FASTIFY, cookie: lowest['@fastify/cookie'] as string, overrides: lowest }),
  newest: installHost('newest', { fastify: '5', cookie: 'latest', typescript: 'latest' })
}
for (const host of Object.values(hosts)) host.catch(() => {})

/** Starts one of a host's compiled apps; returns its address. */
async function serve (t: Test, host: string, app: string): Promise<string> {
  const child = launch(process.execPath, [`out/${app}`], { cwd: host, env: { ...unmeasured, PORTFOLIO_KEY: KEY_A }, stdio: 'pipe' }) as ChildProcessWithoutNullStreams
  t.teardown(() => { kill(child) })
  return (await waitFor(child, LISTENING, app)).match[1] as string
}

/** A browser's cookies on one host: each is sent to the pages its Path covers. */
class CookieJar {
  private readonly cookies = new Map<string, { value: string, path: string }>()

  header (page: string): string {
    return [...this.cookies]
      .filter(([, { path }]) => path === '/' || page === path || page.startsWith(`${path}/`))
      .map(([name, { value }]) => `${name}=${value}`).join('; ')
  }

  /** Keeps the cookies a response sets; returns its Set-Cookie lines. */
  keep (response: Response): string[] {
    const lines = response.headers.getSetCookie()
    for (const line of lines) {
      const [pair = '', ...attributes] = line.split('; ')
      const name = pair.slice(0, pair.indexOf('='))
      this.cookies.set(name, { value: pair.slice(name.length + 1), path: attributes.find((a) => a.startsWith('Path='))?.slice(5) ?? '/' })
    }
    return lines
  }
}

t.test('the tarball: the built code, its types, the views; nothing of the standalone server; publint and attw find no problem', async (t) => {
  const files = (await exec('tar', ['tzf', tarball])).stdout.split('\n').filter(Boolean)
  t.ok(files.includes('package/dist/src/index.js') && files.includes('package/dist/src/index.d.ts'), 'prepack built the code and its types into the tarball')
  t.ok(files.includes('package/views/stocks.hbs') && files.includes('package/public/portfolio.css'), 'and the views and stylesheet')
  t.ok(files.includes('package/dist/src/i18n/catalogues/en.d.ts'), 'and the English catalogue\'s keys and words, which option messages and the docs point a host to')
  const linked = [...new Set([...readme.matchAll(/\]\((docs\/[^)#]+\.md)/g)].map((link) => `package/${link[1] as string}`))]
  t.same(linked.filter((file) => !files.includes(file)), [], `and the ${linked.length} pages of docs/ the README links to, readable in node_modules`)
  const dead: string[] = []
  for (const page of files.filter((file) => file.endsWith('.md'))) {
    const text = await readFile(join(root, page.slice('package/'.length)), 'utf8')
    for (const [, link, source] of text.matchAll(/\]\(([^)#\s]+)[^)]*\)|src="([^"]+)"/g)) {
      const target = posix.join(posix.dirname(page), (link ?? source) as string)
      if (!/^[a-z]+:/.test((link ?? source) as string) && !files.includes(target)) dead.push(`${page} → ${target}`)
    }
  }
  // The screenshots would make every install 356 KB heavier; a registry shows them once the
  // package names its repository.
  t.same(dead.filter((link) => !link.includes('package/docs/screenshots/')), [], 'every other relative link in the shipped Markdown reaches a shipped file')
  t.same(files.filter((file) => /\.map$|\/server\/|security-headers|pipelining/.test(file)), [], 'no source maps without sources, nothing of the standalone server')
  t.same(files.filter((file) => file.endsWith('.js')).sort(), ['package/dist/src/bin.js', 'package/dist/src/index.js'],
    'the code bundled, one module for the plugin and one for genkey: a host loads one file, not forty')

  // The checks a registry would want, on the tarball a host gets.
  const bin = (name: string): string => join(root, 'node_modules/.bin', name)
  const { stdout: analysis } = await exec(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'json'], { env: unmeasured })
  const node10 = JSON.parse(analysis).analysis.entrypoints['.'].resolutions.node10.resolution
  t.match(node10?.fileName, /\/dist\/src\/index\.d\.ts$/, 'a resolver that reads no exports (node10) finds the types too')
  await exec(bin('publint'), ['run', tarball, '--strict'], { env: unmeasured })
  t.pass('publint and @arethetypeswrong/cli find no problem')
})

for (const [name, installing] of Object.entries(hosts)) {
  t.test(`installed into a host app on the ${name} Fastify and dependencies its ranges admit`, async (t) => {
    const host = await installing
    const { stdout: tree } = await exec('npm', ['ls', 'fastify', '--all', '--parseable'], { cwd: host, env: unmeasured })
    t.equal(tree.split('\n').filter((line) => line.endsWith('node_modules/fastify')).length, 1, 'one copy of fastify: the host\'s')
    const installed = JSON.parse((await exec('npm', ['ls', '--all', '--json'], { cwd: host, env: unmeasured })).stdout).dependencies['fastify-stock-portfolio'].dependencies as Record<string, { version: string }>
    if (name === 'lowest') {
      for (const [dependency, version] of Object.entries(lowest)) t.equal(installed[dependency]?.version, version, `${dependency} at its lower bound`)
    } else {
      t.comment(Object.entries(installed).map(([dependency, { version }]) => `${dependency}@${version}`).join(', '))
      const typescript = JSON.parse(await readFile(join(host, 'node_modules/typescript/package.json'), 'utf8')).version as string
      t.comment(`the apps compiled by the newest TypeScript, ${typescript}`)
    }
    for (const standaloneOnly of ['helmet', 'close-with-grace', '@fastify/under-pressure']) {
      t.notOk(existsSync(join(host, 'node_modules', standaloneOnly)), `the host gets no ${standaloneOnly}: it is the standalone server's`)
    }
    const { stdout: key } = await exec(join(host, 'node_modules/.bin/fastify-stock-portfolio'), ['genkey'], { cwd: host, env: unmeasured })
    t.match(key, /^[0-9a-f]{64}\n$/, 'npx fastify-stock-portfolio genkey prints a key')

    t.test('the README snippet compiles and serves', async (t) => {
      t.match(APPS['app.ts'], "import stockPortfolio from 'fastify-stock-portfolio'")
      t.match(APPS['app.ts'], 'await app.listen({ port: 0 })')
      t.same((await readdir(join(host, 'out'))).sort(), ['app.js', 'crowded.js', 'host-test.js'], 'tsc (strict, NodeNext) compiles the snippet')
      const url = await serve(t, host, 'app.js')
      const session = await HttpSession.open(`${url}/portfolio`)
      t.equal((await session.addStock('AAPL', 15, '302.17')).headers.get('location'), '/portfolio/stocks/')
      t.same(await session.symbols(), ['AAPL'], 'added and listed over HTTP')
      const list = await (await session.get('/stocks/')).text()
      const token = /name="_csrf" value="([^"]+)"/.exec(list)?.[1] as string
      const removed = await session.fetch('/stocks/remove', { method: 'POST', body: new URLSearchParams({ _csrf: token, holding: '0 AAPL 15 302.17' }) })
      t.equal(removed.status, 302)
      t.same(await session.symbols(), [], 'and removed')
      t.equal((await fetch(`${url}/portfolio`, { redirect: 'manual' })).headers.get('location'), '/portfolio/stocks/', 'the prefix leads to the list')
    })

    t.test('the test docs/embedding.md gives a host passes in it', async (t) => {
      t.match(APPS['host-test.ts'], "from 'fastify-stock-portfolio'")
      // Node 20 reports TAP to a pipe, later Nodes their spec reporter: ask for TAP.
      const { stdout } = await exec(process.execPath, ['--test', '--test-reporter=tap', 'out/host-test.js'], { cwd: host, env: unmeasured })
      t.match(stdout, /^# pass 1$/m, 'its one test passes')
      t.match(stdout, /^# fail 0$/m)
    })

    t.test('a CommonJS host require()s it (require of ES modules, Node ^20.19 or >= 22.12)', async (t) => {
      const script = `const Fastify = require('fastify')
const { default: stockPortfolio, generateKey } = require('fastify-stock-portfolio')
const app = Fastify()
app.register(stockPortfolio, { prefix: '/portfolio', key: generateKey() })
app.inject('/portfolio/stocks/').then((response) => { console.log(response.statusCode); return app.close() })`
      const { stdout } = await exec(process.execPath, ['-e', script], { cwd: host, env: unmeasured })
      t.equal(stdout, '200\n', 'the list answers')
    })

    t.test('beside a host cookie that is signed and widened, mounted at /, /p and /p/sub: three portfolios, every form taken', async (t) => {
      const url = await serve(t, host, 'crowded.js')
      const jar = new CookieJar()
      const visit = async (page: string, init: RequestInit = {}): Promise<{ response: Response, set: string[] }> => {
        const response = await fetch(url + page, { redirect: 'manual', ...init, headers: { ...init.headers as Record<string, string>, cookie: jar.header(page) } })
        return { response, set: jar.keep(response) }
      }
      for (const [mount, cookie, symbol] of MOUNTS) {
        const form = await visit(`${mount}/add_stock`)
        const token = /name="_csrf" value="([^"]+)"/.exec(await form.response.text())?.[1] ?? ''
        const added = await visit(`${mount}/add_stock`, { method: 'POST', body: new URLSearchParams({ stock_symbol: symbol, number_of_shares: '1', purchase_price: '1', _csrf: token }) })
        t.equal(added.response.status, 302, `${mount || '/'}: the form is taken, the outer mounts' cookies sent with it`)
        t.same(added.set.map((line) => line.replace(/=[^;]+/, '=…')), [`${cookie}=…; Max-Age=86400; Path=${mount || '/'}; HttpOnly; SameSite=Lax`], `${mount || '/'}: its own cookie, with exactly the plugin's attributes`)
      }
      for (const [mount, , symbol] of MOUNTS) {
        const list = await visit(`${mount}/stocks/`, { headers: { accept: 'application/json' } })
        t.same((await list.response.json() as { holdings: Array<{ symbol: string }> }).holdings.map((holding) => holding.symbol), [symbol], `${mount || '/'} lists its own purchase only`)
      }
    })
  })
}

t.test('npm start\'s build: the standalone server, bundled as the plugin is, serves the pages', async (t) => {
  // The pack above ran `npm run build` in the copy; the other tests' processes run tsc's build.
  const copy = join(dir, 'source')
  const env = { ...unmeasured, SESSION_KEY: KEY_A, PORT: '0', LOG_LEVEL: 'info' }
  const child = launch(process.execPath, ['dist/src/server/server.js'], { cwd: copy, env, stdio: 'pipe' }) as ChildProcessWithoutNullStreams
  t.teardown(() => { kill(child) })
  const url = (await waitFor(child, LISTENING, 'the bundled server')).match[1] as string
  const session = await HttpSession.open(url)
  t.equal((await session.addStock('AAPL', 15, '302.17')).status, 302)
  t.same(await session.symbols(), ['AAPL'], 'a purchase added and listed')
})

t.test('the bin prints a key; unknown commands say how to use it', async (t) => {
  const { code, stdout } = await finish(run('src/bin.ts', {}, [], true, ['genkey']))
  t.equal(code, 0)
  t.match(stdout, /^[0-9a-f]{64}\n$/)
  for (const [args, said] of [[[], /^usage: /], [['nope'], /^unknown command "nope"\nusage: /], [['genkey', 'extra'], /^unexpected argument "extra"\nusage: /]] as const) {
    const failed = await finish(run('src/bin.ts', {}, [], true, [...args]))
    t.equal(failed.code, 2)
    t.equal(failed.stdout, '', `${args.join(' ') || 'no command'}: no key printed`)
    t.match(failed.stderr, said)
  }
  for (const help of [['--help'], ['-h'], ['help'], ['genkey', '--help']]) {
    const printed = await finish(run('src/bin.ts', {}, [], true, help))
    t.equal(printed.code, 0)
    t.match(printed.stdout, /^usage: fastify-stock-portfolio genkey/, `${help.join(' ')} prints the usage`)
  }
})
