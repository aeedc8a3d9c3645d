import t from 'tap'
import { existsSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import { dirname, join } from 'node:path/posix'
import { generateKey, parseKeys } from '../src/keys.js'

// The docs name files, scripts, decorators and environment variables; each must exist, so
// that the docs cannot drift from the code unnoticed.
const root = new URL('..', import.meta.url)
const read = (path: string): Promise<string> => readFile(new URL(path, root), 'utf8')
const pages = (await readdir(new URL('docs/', root))).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)
const DOCS = ['README.md', 'SECURITY.md', ...pages, 'plugins/README.md', 'routes/README.md', 'src/README.md', 'test/README.md', 'bench/README.md', 'clients/README.md']
const docs = await Promise.all(DOCS.map(async (path) => [path, await read(path)] as const))
const pkg = JSON.parse(await read('package.json'))
const code = (await Promise.all([
  'src/index.ts', 'src/server/config.ts', 'src/server/app.ts', 'plugins/session.ts', 'plugins/csrf.ts', 'plugins/views.ts', 'src/urls.ts',
  'test/browser-helper.ts', 'test/process-helper.ts', 'test/nginx-helper.ts', 'test/load-balancer.test.ts', 'bench/run.ts', 'bench/soak.ts', '.ci/run'
].map(read))).join('\n')

/** The backticked spans of a document, outside its code blocks. */
const spans = (text: string): string[] => [...text.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((match) => match[1] as string)

t.test('every file or folder the docs name exists', async (t) => {
  for (const [doc, text] of docs) {
    for (const span of spans(text)) {
      const path = /^(?:src|plugins|routes|views|public|test|bench|clients|docs)\/[\w./-]*$/.exec(span)?.[0]
      if (path !== undefined) t.ok(existsSync(new URL(path, root)), `${doc}: ${path}`)
    }
  }
})

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchor = (heading: string): string => heading.toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')

t.test('every page the docs link to exists, and so does the heading a link names', async (t) => {
  t.ok(pages.length >= 8, `${pages.length} pages in docs/`)
  for (const [doc, text] of docs) {
    for (const [, target] of text.matchAll(/\]\((?!https?:|#)([^)\s]+)\)/g)) {
      const [path, hash] = (target as string).split('#') as [string, string | undefined]
      const file = join(dirname(doc), path)
      t.ok(existsSync(new URL(file, root)), `${doc}: ${target as string}`)
      if (hash !== undefined) {
        const headings = [...(await read(file)).matchAll(/^#+ (.+)$/gm)].map((match) => anchor(match[1] as string))
        t.ok(headings.includes(hash), `${doc}: ${target as string}`)
      }
    }
  }
})

t.test('every npm script the docs name exists', async (t) => {
  for (const [doc, text] of docs) {
    for (const [, script] of text.matchAll(/npm run ([\w:-]+)/g)) t.ok(pkg.scripts[script as string], `${doc}: npm run ${script as string}`)
  }
})

t.test('every decorator the docs name is declared', async (t) => {
  for (const [doc, text] of docs) {
    for (const [, owner, name] of text.matchAll(/\b(request|reply|fastify)\.(portfolio\w+)/g)) {
      t.match(code, new RegExp(`\\b${name as string}\\b`), `${doc}: ${owner as string}.${name as string}`)
    }
  }
})

t.test('every environment variable the docs name is read somewhere', async (t) => {
  // A host app's variables (a snippet's, fastify/demo's), the chapter's own bad example, and the
  // error Fastify's plugin loader throws in a host's tests.
  const notOurs = new Set(['PORTFOLIO_KEY', 'COOKIE_SECURED', 'BAD_SECRET_KEY', 'AVV_ERR_PLUGIN_EXEC_TIMEOUT'])
  for (const [doc, text] of docs) {
    for (const span of spans(text)) {
      for (const name of span.match(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g) ?? []) {
        if (notOurs.has(name)) continue
        t.match(code, new RegExp(`\\b${name}\\b`), `${doc}: ${name}`)
      }
    }
  }
})

t.test('every command in the docs that runs the server gives it the Node flags npm start does', async (t) => {
  const flags = (pkg.scripts.start as string).split(' ').filter((word) => word.startsWith('--'))
  t.ok(flags.length > 0)
  const commands = docs.flatMap(([path, text]) => [...text.matchAll(/^.*\bnode\b.*dist\/src\/server\/server\.js.*$/gm)].map((match) => [path, match[0]] as const))
  t.ok(commands.some(([path]) => path === 'README.md'), 'the README gives one')
  for (const [path, command] of commands) t.ok(flags.every((flag) => command.includes(flag)), `${path}: ${command}`)
})

t.test('the README\'s first screen gives the two commands: run it, test it', async (t) => {
  const readme = docs.find(([path]) => path === 'README.md')?.[1] ?? ''
  const firstScreen = readme.split('\n').slice(0, 15).join('\n')
  t.match(firstScreen, 'npm install && npm start')
  t.match(firstScreen, /^npm test\b/m)
})

t.test('every setting the server reads is in docs/configuration.md', async (t) => {
  const page = await read('docs/configuration.md')
  const config = await read('src/server/config.ts')
  const settings = new Set([...config.matchAll(/setting\(env, '(\w+)'\)|integer\(env, '(\w+)'/g)].map((m) => m[1] ?? m[2]))
  settings.add('NODE_ENV')
  t.ok(settings.size >= 15, `${settings.size} settings`)
  for (const name of settings) t.match(page, `\`${name as string}\``, `${name as string} is in docs/configuration.md`)
})

t.test('the key pattern docs/embedding.md gives @fastify/env takes the keys the plugin takes, and no malformed one', async (t) => {
  const embedding = docs.find(([path]) => path === 'docs/embedding.md')?.[1] ?? ''
  const literal = /pattern: '([^']+)'/.exec(embedding)?.[1] ?? 'the docs give no pattern'
  // The snippet's string literal, as the schema receives it; Ajv compiles patterns with the u flag.
  const pattern = new RegExp(literal.replaceAll('\\\\', '\\'), 'u')
  const [one, two] = [generateKey(), generateKey()]
  const takes = (value: string): boolean => { try { parseKeys(value, { name: 'key', howTo: '' }); return true } catch { return false } }
  const samples = [one, `${one},${two}`, `${one}, ${two}`, ` ${one}\n`, '', 'abc', one.slice(1), `${one},`, `${one},,${two}`, `${one.slice(1)}g`]
  for (const sample of samples) t.equal(pattern.test(sample), takes(sample), JSON.stringify(sample))
  t.ok(samples.filter(takes).length >= 4 && samples.filter((sample) => !takes(sample)).length >= 5, 'both kinds sampled')
})
