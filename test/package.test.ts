import t from 'tap'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { KEY_A } from './helper.js'
import { exec, finish, kill, launch, root, run, waitFor } from './process-helper.js'
import { HttpSession } from '../clients/http-session.js'

const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))
const readme = await readFile(join(root, 'README.md'), 'utf8')
// This process's coverage recorder (tap's NODE_OPTIONS) would follow npm, tsc and the host into
// folders outside the project, for nothing.
const { NODE_OPTIONS, ...cleanEnv } = process.env
// Packing, installing and compiling take about a minute alone, minutes on a busy machine.
t.setTimeout(600_000)

/** The lowest Fastify the package declares and is tested with. */
const LOWEST_FASTIFY = '5.0.0'

/**
 * Packs a copy of the project, so that `prepack` builds from the sources alone and its rebuild
 * never removes the dist/ the other test files are running servers from.
 */
async function pack (dir: string): Promise<string> {
  const copy = join(dir, 'source')
  const skipped = new Set(['node_modules', 'dist', '.git', '.tap', 'coverage', '.tmp'])
  await cp(root, copy, { recursive: true, filter: (path) => !skipped.has(basename(path)) })
  await symlink(join(root, 'node_modules'), join(copy, 'node_modules'))
  const { stdout } = await exec('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: copy, env: cleanEnv })
  return join(dir, stdout.trim().split('\n').at(-1) as string)
}

t.test('packed, installed into a host app outside the repository on the lowest Fastify and dependencies, the README snippet compiles and serves', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'portfolio-host-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const tarball = await pack(dir)

  const files = (await exec('tar', ['tzf', tarball])).stdout.split('\n').filter(Boolean)
  t.ok(files.includes('package/dist/src/index.js') && files.includes('package/dist/src/index.d.ts'), 'prepack built the code and its types into the tarball')
  t.ok(files.includes('package/views/stocks.hbs') && files.includes('package/public/portfolio.css'), 'and the views and stylesheet')
  t.same(files.filter((file) => /\.map$|\/server\/|security-headers|pipelining/.test(file)), [], 'no source maps without sources, nothing of the standalone server')

  // The checks a registry would want, on the tarball a host gets.
  const bin = (name: string): string => join(root, 'node_modules/.bin', name)
  const { stdout: analysis } = await exec(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'json'], { env: cleanEnv })
  const node10 = JSON.parse(analysis).analysis.entrypoints['.'].resolutions.node10.resolution
  t.match(node10?.fileName, /\/dist\/src\/index\.d\.ts$/, 'a resolver that reads no exports (node10) finds the types too')
  await exec(bin('publint'), ['run', tarball, '--strict'], { env: cleanEnv })
  t.pass('publint and @arethetypeswrong/cli find no problem')

  const host = join(dir, 'host')
  await mkdir(host)
  // Every dependency at the lowest version the package declares: the bounds are what it needs.
  const lowest = Object.fromEntries(Object.entries(pkg.dependencies as Record<string, string>).map(([name, range]) => [name, (range.split('||')[0] as string).trim().replace(/^\^/, '')]))
  await writeFile(join(host, 'package.json'), JSON.stringify({ name: 'host', private: true, type: 'module', overrides: lowest }))
  await exec('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `fastify@${LOWEST_FASTIFY}`, '@types/node@20', tarball], { cwd: host, env: cleanEnv })
  const { stdout: tree } = await exec('npm', ['ls', 'fastify', '--all', '--parseable'], { cwd: host, env: cleanEnv })
  t.equal(tree.split('\n').filter((line) => line.endsWith('node_modules/fastify')).length, 1, 'one copy of fastify: the host\'s')
  const installed = JSON.parse((await exec('npm', ['ls', '--all', '--json'], { cwd: host, env: cleanEnv })).stdout).dependencies['fastify-stock-portfolio'].dependencies as Record<string, { version: string }>
  for (const [name, version] of Object.entries(lowest)) t.equal(installed[name]?.version, version, `${name} at its lower bound`)
  for (const standaloneOnly of ['helmet', 'close-with-grace', '@fastify/under-pressure']) {
    t.notOk(existsSync(join(host, 'node_modules', standaloneOnly)), `the host gets no ${standaloneOnly}: it is the standalone server's`)
  }
  const { stdout: key } = await exec(join(host, 'node_modules/.bin/fastify-stock-portfolio'), ['genkey'], { cwd: host, env: cleanEnv })
  t.match(key, /^[0-9a-f]{64}\n$/, 'npx fastify-stock-portfolio genkey prints a key')

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

  const child = launch(process.execPath, ['out/app.js'], { cwd: host, env: { ...cleanEnv, PORTFOLIO_KEY: KEY_A }, stdio: 'pipe' }) as ChildProcessWithoutNullStreams
  t.teardown(() => { kill(child) })
  const url = (await waitFor(child, /Server listening at (http:\/\/127\.0\.0\.1:\d+)/, 'the host')).match[1] as string

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
  const { code, stdout } = await finish(run('src/bin.ts', {}, [], true, ['genkey']))
  t.equal(code, 0)
  t.match(stdout, /^[0-9a-f]{64}\n$/)
  for (const args of [[], ['nope']]) {
    const failed = await finish(run('src/bin.ts', {}, [], true, args))
    t.equal(failed.code, 2)
    t.match(failed.stderr, 'usage: fastify-stock-portfolio genkey')
  }
  for (const help of ['--help', '-h', 'help']) {
    const printed = await finish(run('src/bin.ts', {}, [], true, [help]))
    t.equal(printed.code, 0)
    t.match(printed.stdout, /^usage: fastify-stock-portfolio genkey/, `${help} prints the usage`)
  }
})
