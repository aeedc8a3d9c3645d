import t from 'tap'
import { connect, type Socket } from 'node:net'
import { once } from 'node:events'
import { build } from './helper.js'
import { nginxSkip, startNginx } from './nginx-helper.js'
import { HttpSession } from '../clients/http-session.js'

// docs/deploy.md's nginx in front: one address (127.0.0.2) holds 2,000 sockets trickling
// headers or bodies, while another (127.0.0.1) goes on using the site. nginx holds the idle
// sockets itself, and limit_conn caps what one address may have in flight.

t.setTimeout(180_000)

const ATTACKER = '127.0.0.2'
const SOCKETS = 2000

t.test('behind nginx with limit_conn, 2,000 trickling sockets from one address leave other visitors served', { skip: nginxSkip() }, async (t) => {
  const app = await build(t)
  const upstream = new URL(await app.listen({ host: '127.0.0.1', port: 0 })).host
  const url = await startNginx(t, [upstream], {
    connections: 4096,
    http: 'limit_conn_zone $binary_remote_addr zone=per_address:1m; limit_conn per_address 16; limit_conn_status 429; client_header_timeout 10s; client_body_timeout 10s; client_max_body_size 32k;'
  })
  const { hostname, port } = new URL(url)

  const sockets: Socket[] = []
  const answers: string[] = []
  t.teardown(() => { for (const socket of sockets) socket.destroy() })
  for (let i = 0; i < SOCKETS; i++) {
    const socket = connect({ host: hostname, port: Number(port), localAddress: ATTACKER })
    socket.on('error', () => {})
    socket.on('data', (data: Buffer) => { answers.push(data.toString('latin1', 0, 12)) })
    sockets.push(socket)
    await once(socket, 'connect')
    // Half hold their headers open, half send a body that never comes.
    socket.write(i % 2 === 0
      ? 'GET /stocks/ HTTP/1.1\r\nHost: x\r\nX-Slow: '
      : 'POST /add_stock HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n')
  }
  const trickle = setInterval(() => { for (const socket of sockets) if (!socket.destroyed) socket.write('a') }, 2000)
  t.teardown(() => clearInterval(trickle))

  const visitor = await HttpSession.open(url)
  const timings: number[] = []
  for (let i = 0; i < 5; i++) {
    const started = Date.now()
    t.equal((await visitor.addStock(`V${i}`, 1, '10.00')).status, 302, `the other visitor's purchase ${i + 1} is saved`)
    t.equal((await visitor.get('/stocks/')).status, 200)
    timings.push(Date.now() - started)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  t.same(await visitor.symbols(), ['V0', 'V1', 'V2', 'V3', 'V4'])
  t.ok(Math.max(...timings) < 5000, `each purchase and page within ${Math.max(...timings)} ms`)
  const open = await new Promise<number>((resolve, reject) => app.server.getConnections((error, count) => error === null ? resolve(count) : reject(error)))
  t.ok(open <= 32, `the server itself has ${open} connections open, not ${SOCKETS}`)
  t.ok(sockets.filter((socket) => !socket.destroyed).length > SOCKETS / 2, 'the attacker\'s sockets are still held, by nginx')
  const limited = answers.filter((answer) => answer.startsWith('HTTP/1.1 429')).length
  t.ok(limited >= SOCKETS / 2 - 16, `${limited} trickled bodies past the 16 one address may send at once: 429`)
  t.ok(answers.every((answer) => /^HTTP\/1\.1 (408|429)/.test(answer)), 'the attacker is refused or timed out, never served')
})
