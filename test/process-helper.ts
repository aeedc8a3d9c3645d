import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams, type SpawnOptions } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'

// Every process a test starts goes through here, for two reasons measured on a busy 2-core
// machine (docs/testing.md):
// - A server run through the TypeScript loader took 5 to 14 s to start; built, about 2 s. So
//   processes run the JavaScript that `npm test` builds once before tap (`npm run build:test`:
//   dist/, with source maps, so that their coverage counts toward the .ts sources).
// - When tap times a file out it kills it (SIGALRM, then SIGKILL), and no teardown runs: servers
//   it had started kept running for good. So each process is started under
//   `setpriv --pdeathsig SIGKILL` (the kernel kills it when the test process dies, however it
//   dies) and in a process group of its own, which the teardown and the test process's exit kill
//   whole.

export const root = fileURLToPath(new URL('..', import.meta.url))

/** util-linux's setpriv, on every Debian; without it (another OS) only the exit hook is left. */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path))

const running = new Set<ChildProcess>()

/** Kills a process started by `launch` and whatever it started (its process group). */
export function kill (child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-(child.pid as number), signal)
  } catch {
    // Gone between the check and the kill.
  }
}

process.on('exit', () => { for (const child of running) kill(child) })

/** Starts a process that cannot outlive this test process. */
export function launch (command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const [file, argv] = SETPRIV === undefined ? [command, args] : [SETPRIV, ['--pdeathsig', 'SIGKILL', '--', command, ...args]]
  const child = spawn(file, argv, { ...options, detached: true })
  running.add(child)
  child.once('exit', () => running.delete(child))
  return child
}

/** The newest modification time under `dir`, in ms. */
function newest (dir: string, pattern: RegExp): number {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && pattern.test(entry.name)) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return latest
}

/**
 * The built JavaScript of a source file (`src/server/server.ts` → `dist/src/server/server.js`),
 * after checking that the build is there, has its source maps and is not older than the sources.
 */
export function built (source: string): string {
  const file = join(root, 'dist', source.replace(/\.ts$/, '.js'))
  const rebuild = 'npm test builds it before tap; to run one file, `npm run build:test` first'
  if (!existsSync(file)) throw new Error(`${file} is missing: ${rebuild}`)
  if (!existsSync(`${file}.map`)) throw new Error(`${file} was built without source maps, so its coverage would not count: ${rebuild}`)
  const sources = Math.max(...['src', 'plugins', 'routes'].map((dir) => newest(join(root, dir), /\.ts$/)))
  if (sources > statSync(file).mtimeMs) throw new Error(`dist/ is older than the sources: ${rebuild}`)
  return file
}

/**
 * The environment of a child process that records no coverage. tap's process-info hook loads
 * into every child whatever environment it is given; this switch, which tap documents, keeps it
 * from recording (which only slows a process down when its coverage does not count).
 */
export const UNMEASURED = { _TAPJS_PROCESSINFO_COVERAGE_: '0' } as const

/** Node's flags for a process of the build: source maps, so that tap maps its coverage to the .ts. */
const NODE_FLAGS = ['--enable-source-maps']

/**
 * Runs a built entry point (`src/server/server.ts` runs `dist/src/server/server.js`) as its own
 * process, with `args`. `preload` is given to `--import` (plain JavaScript: no loader here).
 * `coverage: false` for a process that will be killed: it writes no coverage, and recording it
 * would only slow the process down.
 */
export function run (source: string, env: Record<string, string>, preload: string[] = [], coverage = true, args: string[] = []): ChildProcessWithoutNullStreams {
  const { SESSION_KEY, NODE_ENV, ...inherited } = process.env
  const coverageSwitch = coverage ? {} : UNMEASURED
  const argv = [...NODE_FLAGS, ...preload.flatMap((file) => ['--import', join(root, file)]), built(source), ...args]
  return launch(process.execPath, argv, { cwd: root, env: { ...inherited, ...coverageSwitch, ...env }, stdio: 'pipe' }) as ChildProcessWithoutNullStreams
}

export async function finish (child: ChildProcessWithoutNullStreams): Promise<{ code: number | null, stdout: string, stderr: string }> {
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  // 'close', not 'exit': the output is read to its end.
  const [code] = await once(child, 'close') as [number | null]
  return { code, stdout, stderr }
}

/** Runs a command to its end (started by `launch`); rejects with its output unless it exits 0. */
export async function exec (command: string, args: readonly string[], options: SpawnOptions = {}): Promise<{ stdout: string, stderr: string }> {
  const { code, stdout, stderr } = await finish(launch(command, args, { ...options, stdio: 'pipe' }) as ChildProcessWithoutNullStreams)
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}\n${stdout}\n${stderr}`)
  return { stdout, stderr }
}

/** Waits for a line of `child`'s output matching `pattern`; rejects if it exits first. */
export function waitFor (child: ChildProcessWithoutNullStreams, pattern: RegExp, name: string): Promise<{ match: RegExpExecArray, output: () => string }> {
  let output = ''
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = pattern.exec(output)
      if (match !== null) resolve({ match, output: () => output })
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.once('exit', (code, signal) => reject(new Error(`${name} exited (${signal ?? code}) before it listened: ${output}`)))
  })
}

/** Fastify's log line once a server listens, with its address. */
export const LISTENING = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/

/** Starts the standalone server (dist/src/server/server.js) on a free port and waits until it listens. */
export async function start (t: Test, env: Record<string, string>, preload: string[] = [], coverage = true): Promise<{ child: ChildProcessWithoutNullStreams, url: string, output: () => string }> {
  const child = run('src/server/server.ts', { PORT: '0', LOG_LEVEL: 'info', ...env }, preload, coverage)
  t.teardown(() => { kill(child) })
  const { match, output } = await waitFor(child, LISTENING, 'the server')
  return { child, url: match[1] as string, output }
}
