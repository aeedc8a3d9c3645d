import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { once } from 'node:events'
import type { Test } from 'tap'

// The real entry points, run as their own processes with the loader this test runs under.
export function run (script: string, env: Record<string, string>, preload: string[] = [], coverage = true): ChildProcessWithoutNullStreams {
  const { SESSION_KEY, NODE_ENV, NODE_V8_COVERAGE, ...rest } = process.env
  // A process that is killed writes no coverage; measuring it would only slow it down.
  const inherited = coverage && NODE_V8_COVERAGE !== undefined ? { ...rest, NODE_V8_COVERAGE } : rest
  return spawn(process.execPath, [...process.execArgv, ...preload, script], { env: { ...inherited, ...env } })
}

export async function finish (child: ChildProcessWithoutNullStreams): Promise<{ code: number | null, stdout: string, stderr: string }> {
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const [code] = await once(child, 'exit') as [number | null]
  return { code, stdout, stderr }
}

/** Starts src/server/server.ts on a free port and waits until it listens. */
export async function start (t: Test, env: Record<string, string>, preload: string[] = [], coverage = true): Promise<{ child: ChildProcessWithoutNullStreams, url: string, output: () => string }> {
  const child = run('src/server/server.ts', { PORT: '0', LOG_LEVEL: 'info', ...env }, preload, coverage)
  t.teardown(() => { child.kill('SIGKILL') })
  let output = ''
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match !== null) resolve(match[1] as string)
    })
    child.on('exit', () => reject(new Error(`server exited: ${output}`)))
  })
  return { child, url, output: () => output }
}
