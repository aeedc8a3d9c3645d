import { hash } from 'node:crypto'
import t from 'tap'
import { Tokens } from '@fastify/csrf'
import { tokenMaker } from '../plugins/csrf.js'

t.test('tokens made with the one-shot hash are the library\'s: its verify takes them, for their secret only', async (t) => {
  const tokens = new Tokens({ userInfo: false })
  const make = tokenMaker(tokens)
  const secret = tokens.secretSync()
  const token = make(secret)
  t.match(token, /^[A-Za-z0-9]{8}-[\w-]{43}$/)
  t.ok(tokens.verify(secret, token))
  t.notOk(tokens.verify(tokens.secretSync(), token))
  t.not(make(secret), token, 'each page gets a token of its own')
})

t.test('a digest the library\'s verify does not take is never used: the library makes the tokens', async (t) => {
  const tokens = new Tokens({ userInfo: false })
  let calls = 0
  const wrong = ((algorithm: string, data: string) => { calls++; return hash(algorithm, `${data}!`, 'base64url') }) as typeof hash
  const make = tokenMaker(tokens, wrong)
  t.equal(calls, 1, 'tried once, at start-up')
  const secret = tokens.secretSync()
  t.ok(tokens.verify(secret, make(secret)))
  t.equal(calls, 1)
})
