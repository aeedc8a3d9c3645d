#!/usr/bin/env node
import { generateKey } from './keys.js'

// `npx fastify-stock-portfolio genkey` (and `npm run genkey` in this repository): a fresh key
// for the plugin's `key` option or the standalone server's SESSION_KEY.
const USAGE = 'usage: fastify-stock-portfolio genkey    print a new session key (64 hex characters)'

const [command] = process.argv.slice(2)
if (command === 'genkey') {
  console.log(generateKey())
} else if (command === '--help' || command === '-h' || command === 'help') {
  console.log(USAGE)
} else {
  console.error(command === undefined ? USAGE : `unknown command "${command}"\n${USAGE}`)
  process.exitCode = 2
}
