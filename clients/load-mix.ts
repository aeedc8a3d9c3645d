// Shared by the tests and the benchmark (clients/README.md).
// The realistic mix of requests that test/soak.test.ts runs briefly and `npm run soak` runs for
// a minute: GET /stocks/, GET /add_stock and POST /add_stock under autocannon, while a few
// people add holdings one by one through their own cookie jars and check that none is lost.
import autocannon from 'autocannon'
import { HttpSession } from './http-session.js'

export interface MixOptions {
  /** autocannon's own: its connections, and seconds to run (`duration`) or requests to send (`amount`). */
  load: Pick<autocannon.Options, 'connections' | 'duration' | 'amount'>
  /** How many people add holdings, and how many each. */
  people: number
  addsEach: number
}

export interface MixResult {
  requests: number
  statusCodes: Record<string, number>
  errors: number
  timeouts: number
  /** Holdings some person added (302) and then did not find in their list. */
  lost: number
  /** Holdings found in a person's list more than once, or that they never added. */
  extra: number
  added: number
}

/** One person adds `count` distinct holdings in turn, then reads the list back. */
async function person (url: string, id: number, count: number): Promise<{ added: number, lost: number, extra: number }> {
  const session = await HttpSession.open(url)
  const expected: string[] = []
  for (let i = 0; i < count; i++) {
    const symbol = `P${id}X${i}`
    const response = await session.addStock(symbol, i + 1, '1.5')
    await response.arrayBuffer()
    if (response.status === 302) expected.push(symbol)
  }
  const listed = await session.symbols()
  const lost = expected.filter((symbol) => !listed.includes(symbol)).length
  return { added: expected.length, lost, extra: listed.length - (expected.length - lost) }
}

export async function runMix (url: string, options: MixOptions): Promise<MixResult> {
  const load = await HttpSession.open(url)
  const post = new URLSearchParams({ stock_symbol: 'AAPL', number_of_shares: '15', purchase_price: '302.17', _csrf: load.token }).toString()
  const headers = { cookie: load.cookie }
  const [result, people] = await Promise.all([
    autocannon({
      url,
      ...options.load,
      requests: [
        { method: 'GET', path: '/stocks/', headers },
        { method: 'GET', path: '/add_stock', headers },
        { method: 'POST', path: '/add_stock', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: post },
        { method: 'GET', path: '/stocks/', headers: { ...headers, accept: 'application/json' } }
      ]
    }),
    Promise.all(Array.from({ length: options.people }, (_, id) => person(url, id, options.addsEach)))
  ])
  // autocannon always reports statusCodeStats and each count; its types leave both optional.
  const stats = result.statusCodeStats as Record<string, { count: number }>
  const statusCodes = Object.fromEntries(Object.entries(stats).map(([code, { count }]) => [code, count]))
  return {
    requests: result.requests.total,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    lost: people.reduce((sum, p) => sum + p.lost, 0),
    extra: people.reduce((sum, p) => sum + p.extra, 0),
    added: people.reduce((sum, p) => sum + p.added, 0)
  }
}
