import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'

// Cold start of the built plugin in a bare host: import, register + ready, first request,
// each the median of `runs` fresh processes, beside the same host without the plugin. The two
// alternate, so that a machine that gets busier or quieter during the run weighs on both.

const exec = promisify(execFile)
const sample = fileURLToPath(new URL('./sample.mjs', import.meta.url))

type Phases = Record<'fastifyImport' | 'pluginImport' | 'registerReady' | 'firstRequest' | 'cpu', number>
type Mode = 'plugin' | 'fastify-only'

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

async function once (mode: Mode): Promise<Phases> {
  const { stdout } = await exec(process.execPath, [sample, mode])
  return JSON.parse(stdout) as Phases
}

const medians = (samples: Phases[]): Phases => {
  const keys = Object.keys(samples[0] as Phases) as Array<keyof Phases>
  return Object.fromEntries(keys.map((key) => [key, median(samples.map((phase) => phase[key]))])) as Phases
}

/** Medians of `runs` cold starts with and without the plugin, as a markdown table. */
export async function coldStart (runs = 9): Promise<string> {
  const samples: Record<Mode, Phases[]> = { plugin: [], 'fastify-only': [] }
  for (let i = 0; i < runs; i++) {
    for (const mode of i % 2 === 0 ? ['fastify-only', 'plugin'] as const : ['plugin', 'fastify-only'] as const) samples[mode].push(await once(mode))
  }
  const bare = medians(samples['fastify-only'])
  const plugin = medians(samples.plugin)
  // The plugin's own share: its import and register + ready, less the host's register + ready
  // (a Fastify instance loads Ajv and the serializer compiler whether or not the plugin is there).
  const own = median(samples.plugin.map((phase) => phase.pluginImport + phase.registerReady)) - bare.registerReady
  const ms = (value: number): string => `${value.toFixed(0)} ms`
  return [
    `| cold start, medians of ${runs} fresh processes each, alternating | host alone | host with the plugin |`,
    '|---|---|---|',
    `| import('fastify') | ${ms(bare.fastifyImport)} | ${ms(plugin.fastifyImport)} |`,
    `| import the plugin | – | ${ms(plugin.pluginImport)} |`,
    `| register + ready | ${ms(bare.registerReady)} | ${ms(plugin.registerReady)} |`,
    `| first request | ${ms(bare.firstRequest)} | ${ms(plugin.firstRequest)} |`,
    `| CPU time of import + register + ready | ${ms(bare.cpu)} | ${ms(plugin.cpu)} |`,
    `| the plugin's import + ready, beyond the host alone | | **${ms(own)}** (CPU ${ms(plugin.cpu - bare.cpu)}) |`
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await coldStart(Number(process.argv[2] ?? 9)))
}
