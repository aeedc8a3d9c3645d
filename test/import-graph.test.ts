import t from 'tap'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

// The rule each code folder's README states, checked on the import graph itself: a folder
// that imported across its rule would pass every other test.
const root = fileURLToPath(new URL('..', import.meta.url))

function sources (folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file))
}

/** The project files a source imports, as paths from the root ("src/urls.ts"). */
function importsOf (file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8')
  return [...text.matchAll(/^(?:import|export)\b[^'"]*?'(\.[^']+)'|import\('(\.[^']+)'\)/gm)]
    .map((match) => relative(root, join(root, dirname(file), (match[1] ?? match[2]) as string)).replace(/\.js$/, '.ts'))
}

const inFolder = (folder: string) => (path: string): boolean => path.startsWith(`${folder}/`)

/** Each folder, and what its files may import from the project besides their own folder. */
const RULES: Array<{ folder: string, files?: (file: string) => boolean, may: (path: string) => boolean, rule: string }> = [
  { folder: 'src/portfolio', may: (path) => path === 'src/schemas.ts', rule: 'the portfolio logic imports only itself and the schemas' },
  {
    folder: 'src',
    files: (file) => !file.startsWith('src/portfolio/') && !file.startsWith('src/server/') && file !== 'src/index.ts',
    may: (path) => inFolder('src')(path) && !path.startsWith('src/server/'),
    rule: 'beside the entry points, src/ imports neither plugins/, routes/ nor the standalone server'
  },
  { folder: 'plugins', may: inFolder('src'), rule: 'a plugin imports src/ and other plugins, never routes/' },
  { folder: 'routes', may: (path) => inFolder('src')(path) || inFolder('plugins')(path), rule: 'a route module imports src/ and the helpers plugins export' },
  { folder: 'clients', may: () => false, rule: 'the HTTP clients import nothing of the project' },
  { folder: 'bench', may: (path) => path === 'src/keys.ts' || inFolder('clients')(path), rule: 'the benchmark imports clients/ and the key generator only' }
]

t.test('each code folder imports only what its README allows', async (t) => {
  for (const { folder, files = () => true, may, rule } of RULES) {
    for (const file of sources(folder).filter(files)) {
      for (const path of importsOf(file)) {
        if (path.startsWith(`${folder}/`) && folder !== 'src') continue
        t.ok(may(path), `${file} imports ${path}: ${rule}`)
      }
    }
  }
})

t.test('only the entry points register plugins/ and routes/, and nothing imports test/', async (t) => {
  const entries = new Set(['src/index.ts', 'src/server/app.ts'])
  for (const folder of ['src', 'plugins', 'routes', 'clients', 'bench']) {
    for (const file of sources(folder)) {
      for (const path of importsOf(file)) {
        t.notOk(path.startsWith('test/'), `${file} imports ${path}`)
        if (inFolder('src')(file) && (inFolder('plugins')(path) || inFolder('routes')(path))) {
          t.ok(entries.has(file), `${file} imports ${path}: only the entry points do`)
        }
      }
    }
  }
})

t.test('the import reader finds what a source imports', async (t) => {
  t.same(importsOf('src/index.ts').filter(inFolder('routes')).sort(), ['routes/add-stock.ts', 'routes/assets.ts', 'routes/holdings.ts', 'routes/import.ts', 'routes/language.ts', 'routes/stocks.ts'])
  t.same(importsOf('src/portfolio/portfolio-view.ts').filter((path) => !inFolder('src/portfolio')(path)), ['src/schemas.ts'])
})
