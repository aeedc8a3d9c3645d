import { randomBytes } from 'node:crypto'

// Session keys are 32 random bytes, written as 64 hex characters. Several keys rotate: the
// first seals new cookies, every one of them opens old ones.

const KEY_BYTES = 32
/**
 * 32 random bytes hold about 30 different values; fewer than 16 happens by chance about once
 * in 10^16 keys, while 64 zeros, "abab…" or a pattern typed by hand always do.
 */
const MIN_DISTINCT_BYTES = 16
const HEX_KEY = /^[0-9a-fA-F]{64}$/

export type KeyInput = string | Buffer | ReadonlyArray<string | Buffer>

export class KeyError extends Error {
  override name = 'KeyError'
}

/** A fresh key, as 64 hex characters. */
export function generateKey (): string {
  return randomBytes(KEY_BYTES).toString('hex')
}

/** Where the key comes from, and how its owner makes a good one. */
export interface KeySource {
  /** Names the setting in every message: "SESSION_KEY", "option key". */
  name: string
  /** How to make a key, said at the end of a message: "npm run genkey prints one". */
  howTo: string
}

function describe (index: number, count: number): string {
  return count > 1 ? `key ${index + 1} of ${count}` : 'the key'
}

function decode (entry: unknown, which: string, { name, howTo }: KeySource): Buffer {
  if (Buffer.isBuffer(entry)) {
    if (entry.length !== KEY_BYTES) {
      throw new KeyError(`${name}: ${which} is ${entry.length} bytes; a key is exactly ${KEY_BYTES} bytes`)
    }
    return Buffer.from(entry)
  }
  if (typeof entry !== 'string') {
    throw new KeyError(`${name}: ${which} is a ${typeof entry}; give 64 hex characters or a ${KEY_BYTES}-byte Buffer`)
  }
  const text = entry.trim()
  if (text === '') {
    throw new KeyError(`${name}: ${which} is empty; give 64 hex characters (${howTo})`)
  }
  if (!HEX_KEY.test(text)) {
    const problem = /^[0-9a-fA-F]*$/.test(text)
      ? `is ${text.length} hex characters`
      : 'has characters that are not hex digits'
    throw new KeyError(`${name}: ${which} ${problem}; a key is exactly 64 hex characters (${howTo})`)
  }
  return Buffer.from(text, 'hex')
}

function parseKey (entry: unknown, index: number, count: number, source: KeySource): Buffer {
  const which = describe(index, count)
  const key = decode(entry, which, source)
  const distinct = new Set(key).size
  if (distinct < MIN_DISTINCT_BYTES) {
    throw new KeyError(`${source.name}: ${which} has only ${distinct} different byte value${distinct === 1 ? '' : 's'}, so it can be guessed (a key typed by hand, or zeros); use a random one (${source.howTo})`)
  }
  return key
}

/**
 * Reads one key or a rotation list: a Buffer, 64 hex characters, a comma-separated list of
 * them, or an array of either. Every error names `source` and says how to make a key.
 */
export function parseKeys (input: unknown, source: KeySource): Buffer[] {
  if (input === undefined || input === null || input === '') {
    throw new KeyError(`${source.name} is missing; give 64 hex characters (${source.howTo})`)
  }
  const entries: unknown[] = Array.isArray(input)
    ? input
    : typeof input === 'string' ? input.split(',') : [input]
  if (entries.length === 0) {
    throw new KeyError(`${source.name} is an empty list; give at least one key`)
  }
  return entries.map((entry, index) => parseKey(entry, index, entries.length, source))
}
