// `npm run test:unit`'s coverage map (tap's --coverage-map): which sources the fast loop answers
// for, at tap's 100% like the whole suite. The in-process tests drive the plugin itself, so they
// answer for everything under plugins/, routes/ and src/ except the standalone server
// (src/server/) and the command line (src/bin.ts): those run as processes, and only `npm test`
// starts processes.
import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const PROCESS_ONLY = /^src\/(server\/|bin\.ts$)/

const plugin = ['plugins', 'routes', 'src']
  .flatMap((dir) => readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name))))
  .filter((file) => !PROCESS_ONLY.test(file))

export default function coverageMap () {
  return plugin
}
