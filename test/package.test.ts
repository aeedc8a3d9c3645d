import t from 'tap'
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'

const exec = promisify(execFile)
const root = new URL('..', import.meta.url).pathname
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'))
const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')

t.test('the README\'s first screen gives the two commands, and every script it names exists', async (t) => {
  const firstScreen = readme.split('\n').slice(0, 15).join('\n')
  t.match(firstScreen, 'npm install && npm start')
  t.match(firstScreen, /^npm test\b/m)
  for (const [, script] of readme.matchAll(/npm run ([\w:-]+)/g)) {
    t.ok(pkg.scripts[script as string], `npm run ${script as string} exists`)
  }
  t.match(pkg.scripts.start, 'dist/src/server.js')
  t.match(pkg.scripts.prestart, 'npm run build')
  t.match(pkg.scripts.test, 'tsc --noEmit')
  t.match(pkg.scripts.test, 'eslint')
})

t.test('the README documents every setting the server reads', async (t) => {
  const config = await readFile(new URL('../src/config.ts', import.meta.url), 'utf8')
  const read = new Set([...config.matchAll(/setting\(env, '(\w+)'\)|integer\(env, '(\w+)'/g)].map((m) => m[1] ?? m[2]))
  read.add('NODE_ENV')
  t.same([...read].sort(), ['HOST', 'LOG_LEVEL', 'NODE_ENV', 'PORT', 'SESSION_EXPIRY', 'SESSION_KEY'])
  for (const name of read) t.match(readme, `\`${name as string}\``, `${name as string} is in the README`)
})

t.test('built, the package is what a host app imports: exports, types, views and stylesheet', async (t) => {
  await exec('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root })
  t.equal(pkg.exports['.'].default, './dist/src/index.js')
  t.equal(pkg.exports['.'].types, './dist/src/index.d.ts')
  const script = `
    import Fastify from 'fastify'
    import stockPortfolio, { stockPortfolio as named } from 'fastify-stock-portfolio'
    const app = Fastify()
    await app.register(stockPortfolio, { prefix: '/p', key: 'ab'.repeat(32) })
    const page = await app.inject('/p/add_stock')
    const css = await app.inject(/href="([^"]+css[^"]*)"/.exec(page.body)[1])
    console.log(JSON.stringify({ same: named === stockPortfolio, page: page.statusCode, form: page.body.includes('action="/p/add_stock"'), css: css.statusCode }))
  `
  // Without the coverage variables: this process runs the compiled files, not the sources.
  const { NODE_V8_COVERAGE, NODE_OPTIONS, ...env } = process.env
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', script], { cwd: root, env })
  t.same(JSON.parse(stdout), { same: true, page: 200, form: true, css: 200 })
  const types = await readFile(new URL('../dist/src/options.d.ts', import.meta.url), 'utf8')
  t.match(types, /key: KeyInput/)
})
