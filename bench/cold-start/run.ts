import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'

// Cold start of the built plugin in a bare host: import, register + ready, first request,
// each the median of `runs` fresh processes, beside the same host without the plugin.

const exec = promisify(execFile)
const sample = fileURLToPath(new URL('./sample.mjs', import.meta.url))

type Phases = Record<'fastifyImport' | 'pluginImport' | 'registerReady' | 'firstRequest', number>

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

async function phases (mode: 'plugin' | 'fastify-only', runs: number): Promise<Phases> {
  const samples: Phases[] = []
  for (let i = 0; i < runs; i++) {
    const { stdout } = await exec(process.execPath, [sample, mode])
    samples.push(JSON.parse(stdout) as Phases)
  }
  const keys = Object.keys(samples[0] as Phases) as Array<keyof Phases>
  return Object.fromEntries(keys.map((key) => [key, median(samples.map((phase) => phase[key]))])) as Phases
}

/** Medians of `runs` cold starts with and without the plugin, as a markdown table. */
export async function coldStart (runs = 9): Promise<string> {
  // Alternating would be fairer on a busy machine; the plugin's phases are what is compared.
  const bare = await phases('fastify-only', runs)
  const plugin = await phases('plugin', runs)
  const ms = (value: number): string => `${value.toFixed(0)} ms`
  return [
    `| cold start, median of ${runs} processes | host alone | host with the plugin |`,
    '|---|---|---|',
    `| import('fastify') | ${ms(bare.fastifyImport)} | ${ms(plugin.fastifyImport)} |`,
    `| import the plugin | – | ${ms(plugin.pluginImport)} |`,
    `| register + ready | ${ms(bare.registerReady)} | ${ms(plugin.registerReady)} |`,
    `| first request | ${ms(bare.firstRequest)} | ${ms(plugin.firstRequest)} |`,
    `| plugin's import + ready | | **${ms(plugin.pluginImport + plugin.registerReady - bare.registerReady)}** |`
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await coldStart(Number(process.argv[2] ?? 9)))
}
