import type { ChildProcessByStdio } from 'node:child_process'
import type { Readable } from 'node:stream'
import type { Test } from 'tap'
import { kill, launch, UNMEASURED } from './process-helper.js'

/**
 * Starts a host app fixture (test/fixtures/*.mjs, built plugin) as its own process. Resolves
 * once it prints its address; it is killed when the test ends, or when this process dies
 * (test/process-helper.ts). It records no coverage (UNMEASURED): a host's process is not
 * measured.
 */
export async function startHost (t: Test, fixture: string): Promise<{ host: ChildProcessByStdio<null, Readable, Readable>, url: string, output: () => string }> {
  const env = { ...process.env, ...UNMEASURED }
  const host = launch(process.execPath, [fixture], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }) as ChildProcessByStdio<null, Readable, Readable>
  t.teardown(() => { kill(host) })
  let output = ''
  host.stderr.on('data', (data: Buffer) => { output += data.toString() })
  const url = await new Promise<string>((resolve, reject) => {
    host.stdout.on('data', (data: Buffer) => {
      output += data.toString()
      const match = /listening (http:\S+)/.exec(output)
      if (match !== null) resolve(match[1] as string)
    })
    host.on('exit', () => reject(new Error(`the host exited: ${output}`)))
  })
  return { host, url, output: () => output }
}
