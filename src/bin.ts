#!/usr/bin/env node
import { generateKey } from './keys.js'

// `npx fastify-stock-portfolio genkey` (and `npm run genkey` in this repository): a fresh key
// for the plugin's `key` option or the standalone server's SESSION_KEY.
const USAGE = 'usage: fastify-stock-portfolio genkey    print a new session key (64 hex characters)'

const args = process.argv.slice(2)
const [command, extra] = args
if (args.some((arg) => arg === '--help' || arg === '-h' || arg === 'help')) {
  console.log(USAGE)
} else if (command === 'genkey' && extra === undefined) {
  console.log(generateKey())
} else {
  if (command === 'genkey') console.error(`unexpected argument "${extra}"`)
  else if (command !== undefined) console.error(`unknown command "${command}"`)
  console.error(USAGE)
  process.exitCode = 2
}
