// One cold start, in a process of its own: what a host pays to import the built plugin,
// register it and get ready, and its first request. Prints one JSON line of milliseconds, wall
// time per phase and the CPU time of import + ready (`cpu`), which a busy machine stretches less.
// With "fastify-only", the same host without the plugin, for the baseline. With
// "dependencies-only", the host imports the packages the built plugin imports at start-up, read
// off the bundle, and registers nothing: the floor that the plugin's own code adds to. Packages
// named after "dependencies-only" are imported instead of the bundle's, to weigh them one by one:
// `node bench/cold-start/sample.mjs dependencies-only handlebars`.
import { performance } from 'node:perf_hooks'
import { bundleImports } from './bundle-imports.mjs'

const bundle = new URL('../../dist/src/index.js', import.meta.url)
const cpuMs = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000 }
const mode = process.argv[2] ?? 'plugin'
const named = process.argv.slice(3)
let dependencies = []
if (mode === 'dependencies-only') dependencies = named.length > 0 ? named : bundleImports()
const started = performance.now()
const { default: Fastify } = await import('fastify')
const fastifyImported = performance.now()
const cpuBefore = cpuMs()
const plugin = mode === 'plugin' ? await import(bundle.href) : undefined
// All at once, as the bundle's static imports load.
await Promise.all(dependencies.map((specifier) => import(specifier)))
const pluginImported = performance.now()
const app = Fastify()
app.get('/host', async () => 'host')
if (plugin !== undefined) await app.register(plugin.default, { key: plugin.generateKey(), prefix: '/portfolio' })
await app.ready()
const ready = performance.now()
const cpu = cpuMs() - cpuBefore
const response = await app.inject(plugin !== undefined ? '/portfolio/stocks/' : '/host')
const answered = performance.now()
if (response.statusCode !== 200) throw new Error(`the first request answered ${response.statusCode}`)
console.log(JSON.stringify({
  fastifyImport: fastifyImported - started,
  pluginImport: pluginImported - fastifyImported,
  registerReady: ready - pluginImported,
  firstRequest: answered - ready,
  cpu
}))
await app.close()
