import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'

// Cold start of the built plugin in a bare host: import, register + ready, first request,
// each the median of `runs` fresh processes, beside the same host without the plugin and the
// same host importing only the plugin's dependencies. The three take turns, so that a machine
// that gets busier or quieter during the run weighs on each.

const exec = promisify(execFile)
const sample = fileURLToPath(new URL('./sample.mjs', import.meta.url))

export type Phases = Record<'fastifyImport' | 'pluginImport' | 'registerReady' | 'firstRequest' | 'cpu', number>

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

/** One cold start in a fresh process: sample.mjs with `args` (a mode, then packages). */
async function once (args: string[]): Promise<Phases> {
  const { stdout } = await exec(process.execPath, [sample, ...args])
  return JSON.parse(stdout) as Phases
}

/**
 * `runs` cold starts of each host (sample.mjs's arguments), taking turns: each host in each
 * place of the order in turn, so that a machine that gets busier or quieter weighs on each.
 */
export async function takeTurns (hosts: string[][], runs: number): Promise<Phases[][]> {
  const samples = hosts.map((): Phases[] => [])
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < hosts.length; j++) {
      const host = (i + j) % hosts.length
      samples[host]?.push(await once(hosts[host] as string[]))
    }
  }
  return samples
}

/**
 * Import and register + ready beyond the host alone's register + ready (a Fastify instance loads
 * Ajv and the serializer compiler whether or not the plugin is there).
 */
export const beyondHost = (samples: Phases[], alone: Phases[]): number =>
  median(samples.map((phase) => phase.pluginImport + phase.registerReady)) - median(alone.map((phase) => phase.registerReady))

const medians = (samples: Phases[]): Phases => {
  const keys = Object.keys(samples[0] as Phases) as Array<keyof Phases>
  return Object.fromEntries(keys.map((key) => [key, median(samples.map((phase) => phase[key]))])) as Phases
}

/** Medians of `runs` cold starts of each host, as a markdown table. */
export async function coldStart (runs = 9): Promise<string> {
  const [aloneSamples, pluginSamples, dependencySamples] = await takeTurns([['fastify-only'], ['plugin'], ['dependencies-only']], runs) as [Phases[], Phases[], Phases[]]
  const bare = medians(aloneSamples)
  const plugin = medians(pluginSamples)
  const dependencies = medians(dependencySamples)
  const ms = (value: number): string => `${value.toFixed(0)} ms`
  return [
    `| cold start, medians of ${runs} fresh processes each, taking turns | host alone | host with the plugin | host importing only the plugin's dependencies |`,
    '|---|---|---|---|',
    `| import('fastify') | ${ms(bare.fastifyImport)} | ${ms(plugin.fastifyImport)} | ${ms(dependencies.fastifyImport)} |`,
    `| import the plugin (or its dependencies) | – | ${ms(plugin.pluginImport)} | ${ms(dependencies.pluginImport)} |`,
    `| register + ready | ${ms(bare.registerReady)} | ${ms(plugin.registerReady)} | ${ms(dependencies.registerReady)} |`,
    `| first request | ${ms(bare.firstRequest)} | ${ms(plugin.firstRequest)} | ${ms(dependencies.firstRequest)} |`,
    `| CPU time of import + register + ready | ${ms(bare.cpu)} | ${ms(plugin.cpu)} | ${ms(dependencies.cpu)} |`,
    `| import + ready, beyond the host alone | | **${ms(beyondHost(pluginSamples, aloneSamples))}** (CPU ${ms(plugin.cpu - bare.cpu)}) | ${ms(beyondHost(dependencySamples, aloneSamples))} (CPU ${ms(dependencies.cpu - bare.cpu)}) |`
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await coldStart(Number(process.argv[2] ?? 9)))
}
