import { fileURLToPath } from 'node:url'
import { bundleImports } from './bundle-imports.mjs'
import { median, once, type Phases } from './run.js'

// The cold start's floor, package by package: each package the built plugin imports at
// start-up, imported alone by the bare host, which registers nothing; beside the host alone,
// the host with the plugin, the host with all of those packages, and an empty CommonJS file
// (what importing anything this way costs, paid in every row). `runs` fresh processes of each, taking turns;
// medians of import + ready beyond the host alone. `node --import tsx bench/cold-start/packages.ts [runs]`.

const empty = fileURLToPath(new URL('./empty.cjs', import.meta.url))

export async function coldStartByPackage (runs = 21): Promise<string> {
  const rows: Array<[string, string[]]> = [
    ['the host alone', ['fastify-only']],
    ['the plugin (import, register + ready)', ['plugin']],
    ['all its dependencies, nothing registered', ['dependencies-only']],
    ['an empty CommonJS file', ['dependencies-only', empty]],
    ...bundleImports().map((name): [string, string[]] => [name, ['dependencies-only', name]]),
    // The two largest, to show that the rows do not add up.
    ['handlebars and @fastify/secure-session together', ['dependencies-only', 'handlebars', '@fastify/secure-session']]
  ]
  const samples = rows.map((): Phases[] => [])
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < rows.length; j++) {
      const row = (i + j) % rows.length
      samples[row]?.push(await once(...(rows[row] as [string, string[]])[1]))
    }
  }
  const host = samples[0] as Phases[]
  const hostReady = median(host.map((phase) => phase.registerReady))
  const hostCpu = median(host.map((phase) => phase.cpu))
  const ms = (value: number): string => `${value.toFixed(0)} ms`
  return [
    `| beyond a bare host, medians of ${runs} fresh processes each, taking turns | wall | CPU |`,
    '|---|---:|---:|',
    ...rows.slice(1).map(([label], index) => {
      const phases = samples[index + 1] as Phases[]
      return `| ${label} | ${ms(median(phases.map((phase) => phase.pluginImport + phase.registerReady)) - hostReady)} | ${ms(median(phases.map((phase) => phase.cpu)) - hostCpu)} |`
    })
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await coldStartByPackage(Number(process.argv[2] ?? 21)))
}
