import { randomBytes } from 'node:crypto'

// Session keys are 32 random bytes, written as 64 hex characters. Several keys rotate: the
// first seals new cookies, every one of them opens old ones.

export const KEY_BYTES = 32
const HEX_KEY = /^[0-9a-fA-F]{64}$/

export type KeyInput = string | Buffer | ReadonlyArray<string | Buffer>

export class KeyError extends Error {
  override name = 'KeyError'
}

/** A fresh key, as 64 hex characters. */
export function generateKey (): string {
  return randomBytes(KEY_BYTES).toString('hex')
}

function describe (index: number, count: number): string {
  return count > 1 ? `key ${index + 1} of ${count}` : 'the key'
}

function parseKey (entry: unknown, index: number, count: number, source: string): Buffer {
  const which = describe(index, count)
  if (Buffer.isBuffer(entry)) {
    if (entry.length !== KEY_BYTES) {
      throw new KeyError(`${source}: ${which} is ${entry.length} bytes; a key is exactly ${KEY_BYTES} bytes`)
    }
    return Buffer.from(entry)
  }
  if (typeof entry !== 'string') {
    throw new KeyError(`${source}: ${which} is a ${typeof entry}; give 64 hex characters or a ${KEY_BYTES}-byte Buffer`)
  }
  const text = entry.trim()
  if (text === '') {
    throw new KeyError(`${source}: ${which} is empty; give 64 hex characters (npm run genkey prints one)`)
  }
  if (!HEX_KEY.test(text)) {
    const problem = /^[0-9a-fA-F]*$/.test(text)
      ? `is ${text.length} hex characters`
      : 'has characters that are not hex digits'
    throw new KeyError(`${source}: ${which} ${problem}; a key is exactly 64 hex characters (npm run genkey prints one)`)
  }
  return Buffer.from(text, 'hex')
}

/**
 * Reads one key or a rotation list: a Buffer, 64 hex characters, a comma-separated list of
 * them, or an array of either. `source` names the setting in every error message.
 */
export function parseKeys (input: unknown, source: string): Buffer[] {
  if (input === undefined || input === null || input === '') {
    throw new KeyError(`${source} is missing; give 64 hex characters (npm run genkey prints one)`)
  }
  const entries: unknown[] = Array.isArray(input)
    ? input
    : typeof input === 'string' ? input.split(',') : [input]
  if (entries.length === 0) {
    throw new KeyError(`${source} is an empty list; give at least one key`)
  }
  return entries.map((entry, index) => parseKey(entry, index, entries.length, source))
}
