import t from 'tap'
import { KEY_A } from './helper.js'
import { start } from './process-helper.js'
import { nginxSkip, startNginx } from './nginx-helper.js'
import { HttpSession } from '../clients/http-session.js'

// Two servers, nginx and 300 requests: about 10 s alone, several times that on a busy machine.
t.setTimeout(180_000)

t.test('two instances sharing SESSION_KEY behind nginx round-robin: one session never loses or duplicates a holding', { skip: nginxSkip() }, async (t) => {
  // Killed at the end, so they write no coverage: not measured.
  const servers = await Promise.all([start(t, { SESSION_KEY: KEY_A }, [], false), start(t, { SESSION_KEY: KEY_A }, [], false)])
  const upstreams = servers.map(({ url }) => new URL(url).host)
  const url = await startNginx(t, upstreams, { location: 'add_header X-Upstream $upstream_addr always;' })

  const seen = new Set<string>()
  const session = await HttpSession.open(url)
  const upstream = (response: Response): Response => { seen.add(response.headers.get('x-upstream') ?? ''); return response }
  upstream(await session.get('/health'))
  const added: string[] = []
  for (let i = 0; i < 150; i++) {
    const symbol = `LB${i}`
    const response = upstream(await session.addStock(symbol, i + 1, '10.25'))
    if (response.status !== 302) {
      t.fail(`purchase ${i} answered ${response.status}`)
      break
    }
    added.push(symbol)
    // The JSON comes 50 purchases a page: the last page holds the purchase just added.
    const last = Math.ceil(added.length / 50)
    const list = upstream(await session.get(`/stocks/?page=${last}`, { accept: 'application/json' }))
    const { count, holdings } = await list.json() as { count: number, holdings: Array<{ symbol: string }> }
    const symbols = holdings.map((holding) => holding.symbol)
    if (count !== added.length || symbols.join() !== added.slice((last - 1) * 50).join()) {
      t.fail(`after purchase ${i} the list counted ${count} holdings and its last page read ${symbols.join()}`)
      break
    }
  }
  t.equal(added.length, 150, '300 requests, every purchase counted once, the latest in order')
  t.same(await session.symbols(), added, 'and read page by page, every purchase exactly once, in order')
  t.same([...seen].sort(), [...upstreams].sort(), 'both instances served the session')
})
