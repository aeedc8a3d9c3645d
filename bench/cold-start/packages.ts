import { fileURLToPath } from 'node:url'
import { bundleImports } from './bundle-imports.mjs'
import { beyondHost, median, takeTurns, type Phases } from './run.js'

// The cold start's floor, package by package: each package the built plugin imports at
// start-up, imported alone by the bare host, which registers nothing; beside the host alone,
// the host with the plugin, the host with all of those packages, and an empty CommonJS file
// (what importing anything this way costs, paid in every row). `runs` fresh processes of each,
// taking turns; medians of import + ready beyond the host alone.
// `node --import tsx bench/cold-start/packages.ts [runs]`, after `npm run build`.

const empty = fileURLToPath(new URL('./empty.cjs', import.meta.url))

export async function coldStartByPackage (runs = 21): Promise<string> {
  // Each row: its label, and sample.mjs's arguments for it.
  const rows: Array<[string, string[]]> = [
    ['the plugin (import, register + ready)', ['plugin']],
    ['all its dependencies, nothing registered', ['dependencies-only']],
    ['an empty CommonJS file', ['dependencies-only', empty]],
    ...bundleImports().map((name): [string, string[]] => [name, ['dependencies-only', name]]),
    // The two largest, to show that the rows do not add up.
    ['handlebars and @fastify/secure-session together', ['dependencies-only', 'handlebars', '@fastify/secure-session']]
  ]
  const [alone, ...measured] = await takeTurns([['fastify-only'], ...rows.map(([, args]) => args)], runs) as [Phases[], ...Phases[][]]
  const hostCpu = median(alone.map((phase) => phase.cpu))
  const ms = (value: number): string => `${value.toFixed(0)} ms`
  return [
    `| beyond a bare host, medians of ${runs} fresh processes each, taking turns | wall | CPU |`,
    '|---|---:|---:|',
    ...rows.map(([label], index) => {
      const samples = measured[index] as Phases[]
      return `| ${label} | ${ms(beyondHost(samples, alone))} | ${ms(median(samples.map((phase) => phase.cpu)) - hostCpu)} |`
    })
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await coldStartByPackage(Number(process.argv[2] ?? 21)))
}
