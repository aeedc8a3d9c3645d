import t from 'tap'
import { generateKey, type KeySource, parseKeys } from '../src/keys.js'
import { KEY_A as HEX, KEY_B, keyBuffer } from './helper.js'

const SOURCE: KeySource = { name: 'SESSION_KEY', howTo: 'npm run genkey prints one' }

t.test('generateKey makes 64 hex characters from a secure source, different each time', async (t) => {
  const key = generateKey()
  t.match(key, /^[0-9a-f]{64}$/)
  t.not(generateKey(), key)
})

t.test('parseKeys reads hex, Buffers and rotation lists', async (t) => {
  t.same(parseKeys(HEX, SOURCE), [Buffer.from(HEX, 'hex')])
  t.same(parseKeys(` ${HEX.toUpperCase()} `, SOURCE), [Buffer.from(HEX, 'hex')])
  t.same(parseKeys(`${HEX},${KEY_B}`, SOURCE).map((key) => key.toString('hex')), [HEX, KEY_B])
  const buffer = keyBuffer(KEY_B)
  t.same(parseKeys(buffer, SOURCE), [buffer])
  t.same(parseKeys([buffer, HEX], SOURCE).length, 2)
})

t.test('every malformed key is an error naming the setting, what is wrong and how to make one, never the key', async (t) => {
  const cases: Array<[unknown, RegExp]> = [
    [undefined, /^SESSION_KEY is missing; give 64 hex characters \(npm run genkey prints one\)$/],
    ['', /^SESSION_KEY is missing/],
    [[], /^SESSION_KEY is an empty list/],
    ['abc', /^SESSION_KEY: the key is 3 hex characters; a key is exactly 64 hex characters \(npm run genkey prints one\)/],
    ['z'.repeat(64), /^SESSION_KEY: the key has characters that are not hex digits/],
    [`${HEX},`, /^SESSION_KEY: key 2 of 2 is empty/],
    [`${HEX},${HEX.slice(2)}`, /^SESSION_KEY: key 2 of 2 is 62 hex characters/],
    [Buffer.alloc(16), /^SESSION_KEY: the key is 16 bytes; a key is exactly 32 bytes/],
    [42, /^SESSION_KEY: the key is a number/],
    [[HEX, 42], /^SESSION_KEY: key 2 of 2 is a number/],
    ['0'.repeat(64), /^SESSION_KEY: the key has only 1 different byte value, so it can be guessed .*npm run genkey prints one/],
    ['ab'.repeat(32), /^SESSION_KEY: the key has only 1 different byte value,/],
    ['0123456789abcdef'.repeat(4), /^SESSION_KEY: the key has only 8 different byte values/],
    [Buffer.alloc(32, 7), /^SESSION_KEY: the key has only 1 different/],
    [`${HEX},${'f'.repeat(64)}`, /^SESSION_KEY: key 2 of 2 has only 1 different/]
  ]
  for (const [input, message] of cases) {
    t.throws(() => parseKeys(input, SOURCE), { name: 'KeyError', message }, `refuses ${String(input).slice(0, 20)}`)
  }
  try {
    parseKeys('zz'.repeat(32), SOURCE)
    t.fail('a non-hex key was accepted')
  } catch (error) {
    t.notMatch((error as Error).message, 'zzzz', 'the message does not repeat the key')
  }
})
