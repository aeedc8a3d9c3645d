import t from 'tap'
import { generateKey, KEY_BYTES, parseKeys } from '../src/keys.js'

const HEX = 'ab'.repeat(32)

t.test('generateKey makes 64 hex characters from a secure source, different each time', async (t) => {
  const key = generateKey()
  t.match(key, /^[0-9a-f]{64}$/)
  t.not(generateKey(), key)
})

t.test('parseKeys reads hex, Buffers and rotation lists', async (t) => {
  t.same(parseKeys(HEX, 'K'), [Buffer.from(HEX, 'hex')])
  t.same(parseKeys(` ${HEX.toUpperCase()} `, 'K'), [Buffer.from(HEX, 'hex')])
  t.same(parseKeys(`${HEX},${'cd'.repeat(32)}`, 'K').map((key) => key.toString('hex')), [HEX, 'cd'.repeat(32)])
  const buffer = Buffer.alloc(KEY_BYTES, 7)
  t.same(parseKeys(buffer, 'K'), [buffer])
  t.same(parseKeys([buffer, HEX], 'K').length, 2)
})

t.test('every malformed key is an error naming the setting and what is wrong, never the key', async (t) => {
  const cases: Array<[unknown, RegExp]> = [
    [undefined, /^SESSION_KEY is missing/],
    ['', /^SESSION_KEY is missing/],
    [[], /^SESSION_KEY is an empty list/],
    ['abc', /^SESSION_KEY: the key is 3 hex characters; a key is exactly 64 hex characters/],
    ['z'.repeat(64), /^SESSION_KEY: the key has characters that are not hex digits/],
    [`${HEX},`, /^SESSION_KEY: key 2 of 2 is empty/],
    [`${HEX},${HEX.slice(2)}`, /^SESSION_KEY: key 2 of 2 is 62 hex characters/],
    [Buffer.alloc(16), /^SESSION_KEY: the key is 16 bytes; a key is exactly 32 bytes/],
    [42, /^SESSION_KEY: the key is a number/],
    [[HEX, 42], /^SESSION_KEY: key 2 of 2 is a number/]
  ]
  for (const [input, message] of cases) {
    t.throws(() => parseKeys(input, 'SESSION_KEY'), { name: 'KeyError', message }, `refuses ${String(input).slice(0, 20)}`)
  }
  try {
    parseKeys('zz'.repeat(32), 'SESSION_KEY')
    t.fail('a non-hex key was accepted')
  } catch (error) {
    t.notMatch((error as Error).message, 'zzzz', 'the message does not repeat the key')
  }
})
