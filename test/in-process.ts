// `npm run test:unit`, the fast loop: every test file that starts no process, browser or install,
// imported into this one tap process. Loading a file through tap's TypeScript loader costs about
// 1.5 s of CPU before its first test; paid once for all of them, the loop takes about 40 s
// instead of 70 (docs/testing.md). `npm test` still runs each file in a process of its own.
import { readdirSync, readFileSync } from 'node:fs'

/** The helpers through which a test starts a process, a browser or nginx (test/README.md). */
const STARTS_SOMETHING = /from '\.\/(process-helper|browser-helper|nginx-helper|host-process)\.js'/

const dir = new URL('.', import.meta.url)
for (const name of readdirSync(dir).filter((file) => file.endsWith('.test.ts')).sort()) {
  if (!STARTS_SOMETHING.test(readFileSync(new URL(name, dir), 'utf8'))) await import(`./${name.replace(/\.ts$/, '.js')}`)
}
