import t from 'tap'
import { execFile, spawn } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { KEY_A } from './helper.js'
import { HttpSession } from '../clients/http-session.js'

const exec = promisify(execFile)
const root = new URL('..', import.meta.url).pathname
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'))
const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
// This process's coverage variables would make the child processes below record the package's
// compiled files as if they were the sources.
const { NODE_V8_COVERAGE, NODE_OPTIONS, ...cleanEnv } = process.env
// Packing, installing and compiling take about half a minute: more than tap's default.
t.setTimeout(180_000)

/** The lowest Fastify the package declares and is tested with. */
const LOWEST_FASTIFY = '5.0.0'

t.test('the README\'s first screen gives the two commands, and every script it names exists', async (t) => {
  const firstScreen = readme.split('\n').slice(0, 15).join('\n')
  t.match(firstScreen, 'npm install && npm start')
  t.match(firstScreen, /^npm test\b/m)
  for (const [, script] of readme.matchAll(/npm run ([\w:-]+)/g)) {
    t.ok(pkg.scripts[script as string], `npm run ${script as string} exists`)
  }
  t.match(pkg.scripts.start, 'dist/src/server/server.js')
  t.match(pkg.scripts.prestart, 'npm run build')
  t.match(pkg.scripts.test, 'tsc --noEmit')
  t.match(pkg.scripts.test, 'eslint')
})

t.test('the README documents every setting the server reads', async (t) => {
  const config = await readFile(new URL('../src/server/config.ts', import.meta.url), 'utf8')
  const read = new Set([...config.matchAll(/setting\(env, '(\w+)'\)|integer\(env, '(\w+)'/g)].map((m) => m[1] ?? m[2]))
  read.add('NODE_ENV')
  t.ok(read.size >= 15, `${read.size} settings`)
  for (const name of read) t.match(readme, `\`${name as string}\``, `${name as string} is in the README`)
})

t.test('package.json is a publishable plugin: built on pack and on git install, fastify a peer', async (t) => {
  t.notOk(pkg.private, 'not private')
  t.match(pkg.scripts.prepack, 'npm run build')
  t.match(pkg.scripts.prepare, 'npm run build')
  t.same(pkg.peerDependencies, { fastify: `^${LOWEST_FASTIFY}` })
  t.notOk(pkg.dependencies.fastify, 'fastify is not a dependency: a host keeps one copy')
  for (const standaloneOnly of ['helmet', 'close-with-grace', '@fastify/under-pressure']) {
    t.notOk(pkg.dependencies[standaloneOnly], `${standaloneOnly} is the standalone server's, not the plugin's`)
  }
  t.equal(pkg.engines.node, '^20.19.0 || >=22.12.0')
  t.equal(pkg.types, pkg.exports['.'].types, 'types for resolvers that do not read exports')
  t.same(pkg.bin, { 'fastify-stock-portfolio': './dist/src/bin.js' })
})

t.test('packed, installed into a host app outside the repository on the lowest Fastify and dependencies, the README snippet compiles and serves', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'portfolio-host-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const { stdout: packed } = await exec('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: root, env: cleanEnv })
  const tarball = join(dir, packed.trim().split('\n').at(-1) as string)

  const files = (await exec('tar', ['tzf', tarball])).stdout.split('\n').filter(Boolean)
  t.ok(files.includes('package/dist/src/index.js') && files.includes('package/dist/src/index.d.ts'), 'the tarball holds the built code and its types')
  t.ok(files.includes('package/views/stocks.hbs') && files.includes('package/public/portfolio.css'), 'and the views and stylesheet')
  t.same(files.filter((file) => /\.map$|\/server\/|security-headers|pipelining/.test(file)), [], 'no source maps without sources, nothing of the standalone server')

  // The checks a registry would want, on what the host gets.
  await exec('npx', ['attw', tarball, '--profile', 'esm-only', '--format', 'ascii'], { cwd: root, env: cleanEnv })
  await exec('npx', ['publint', '--strict'], { cwd: root, env: cleanEnv })
  t.pass('publint and @arethetypeswrong/cli find no problem')

  const host = join(dir, 'host')
  await exec('mkdir', [host])
  // Every dependency at the lowest version the package declares: the bounds are what it needs.
  const lowest = Object.fromEntries(Object.entries(pkg.dependencies as Record<string, string>).map(([name, range]) => [name, (range.split('||')[0] as string).trim().replace(/^\^/, '')]))
  await writeFile(join(host, 'package.json'), JSON.stringify({ name: 'host', private: true, type: 'module', overrides: lowest }))
  await exec('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `fastify@${LOWEST_FASTIFY}`, '@types/node@20', tarball], { cwd: host, env: cleanEnv })
  const { stdout: tree } = await exec('npm', ['ls', 'fastify', '--all', '--parseable'], { cwd: host, env: cleanEnv })
  t.equal(tree.split('\n').filter((line) => line.endsWith('node_modules/fastify')).length, 1, 'one copy of fastify: the host\'s')
  const installed = JSON.parse((await exec('npm', ['ls', '--all', '--json'], { cwd: host, env: cleanEnv })).stdout).dependencies['fastify-stock-portfolio'].dependencies as Record<string, { version: string }>
  for (const [name, version] of Object.entries(lowest)) t.equal(installed[name]?.version, version, `${name} at its lower bound`)

  const snippet = /## Embedding[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
  t.match(snippet, "import stockPortfolio from 'fastify-stock-portfolio'")
  t.match(snippet, 'await app.listen({ port: 3000 })')
  await writeFile(join(host, 'app.ts'), snippet.replace('port: 3000', 'port: 0'))
  await writeFile(join(host, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', outDir: 'out', types: ['node'] },
    include: ['app.ts']
  }))
  await exec(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', host], { env: cleanEnv })
  t.same(await readdir(join(host, 'out')), ['app.js'], 'tsc (strict, NodeNext) compiles the snippet')

  const child = spawn(process.execPath, ['out/app.js'], { cwd: host, env: { ...cleanEnv, PORTFOLIO_KEY: KEY_A } })
  t.teardown(() => { child.kill() })
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match !== null) resolve(match[1] as string)
    })
    child.on('exit', () => reject(new Error(`the host exited: ${output}`)))
  })

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

t.test('the bin prints a key; unknown commands say how to use it', async (t) => {
  const bin = join(root, 'src/bin.ts')
  const { stdout } = await exec(process.execPath, [...process.execArgv, bin, 'genkey'])
  t.match(stdout, /^[0-9a-f]{64}\n$/)
  for (const args of [[], ['nope']]) {
    const failed = await exec(process.execPath, [...process.execArgv, bin, ...args]).then(() => undefined, (error: { code: number, stderr: string }) => error)
    t.equal(failed?.code, 2)
    t.match(failed?.stderr, 'usage: fastify-stock-portfolio genkey')
  }
  for (const help of ['--help', '-h', 'help']) {
    t.match((await exec(process.execPath, [...process.execArgv, bin, help])).stdout, /^usage: fastify-stock-portfolio genkey/, `${help} prints the usage`)
  }
})
