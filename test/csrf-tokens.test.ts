import { hash } from 'node:crypto'
import t from 'tap'
import { Tokens } from '@fastify/csrf'
import { csrfTokens } from '../plugins/csrf.js'

t.test('tokens made and checked with the one-shot hash are the library\'s, for their secret only', async (t) => {
  const tokens = new Tokens({ userInfo: false })
  let calls = 0
  const counted = ((algorithm: string, data: string, encoding: 'base64url') => { calls++; return hash(algorithm, data, encoding) }) as typeof hash
  const { create, verify } = csrfTokens(tokens, counted)
  const secret = tokens.secretSync()
  const other = tokens.secretSync()
  const atStart = calls
  const token = create(secret)
  t.match(token, /^[A-Za-z0-9]{8}-[\w-]{43}$/)
  t.ok(tokens.verify(secret, token), 'the library takes a token made here')
  t.ok(verify(secret, token))
  t.ok(verify(secret, tokens.create(secret)), 'and this takes one the library made')
  t.notOk(verify(other, token), 'another browser\'s secret')
  t.notOk(tokens.verify(other, token))
  t.not(create(secret), token, 'each page gets a token of its own')
  t.equal(calls - atStart, 5, 'the one-shot hash made and checked every token made or checked here')
})

t.test('a token altered, cut, lengthened or with no salt is refused, never thrown on', async (t) => {
  const tokens = new Tokens({ userInfo: false })
  const { create, verify } = csrfTokens(tokens)
  const secret = tokens.secretSync()
  const token = create(secret)
  const last = token.at(-1) === 'A' ? 'B' : 'A'
  for (const forged of [`${token.slice(0, -1)}${last}`, token.slice(0, -1), `${token}A`, `${token.slice(0, -1)}é`, token.slice(9), '', 'x']) {
    t.notOk(verify(secret, forged), JSON.stringify(forged))
    t.notOk(tokens.verify(secret, forged), `the library agrees: ${JSON.stringify(forged)}`)
  }
})

t.test('a digest that does not make the library\'s tokens is never used: the library makes and checks them', async (t) => {
  const tokens = new Tokens({ userInfo: false })
  let calls = 0
  const wrong = ((algorithm: string, data: string) => { calls++; return hash(algorithm, `${data}!`, 'base64url') }) as typeof hash
  const { create, verify } = csrfTokens(tokens, wrong)
  t.equal(calls, 1, 'tried once, at start-up')
  const secret = tokens.secretSync()
  const token = create(secret)
  t.ok(tokens.verify(secret, token))
  t.ok(verify(secret, token))
  t.notOk(verify(tokens.secretSync(), token))
  t.equal(calls, 1)
})

t.test('a check that refuses the library\'s tokens is never used either', async (t) => {
  const tokens = new Tokens({ userInfo: false })
  let calls = 0
  // Right for the token made at start-up, which the library takes; wrong for the check after it.
  const drifting = ((algorithm: string, data: string) => hash(algorithm, calls++ === 0 ? data : `${data}!`, 'base64url')) as typeof hash
  const { create, verify } = csrfTokens(tokens, drifting)
  t.equal(calls, 2, 'both start-up checks ran')
  const secret = tokens.secretSync()
  const token = create(secret)
  t.ok(tokens.verify(secret, token), 'the library made it')
  t.ok(verify(secret, token))
  t.equal(calls, 2, 'and the digest was not used again')
})
