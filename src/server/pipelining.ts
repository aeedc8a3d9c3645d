import type { Socket } from 'node:net'
import fp from 'fastify-plugin'

interface SocketState {
  inFlight: number
  /** Requests held back until the response before them has been handed to the socket. */
  waiting: Array<() => void>
}

const states = new WeakMap<Socket, SocketState>()

// Node reads every request a client pipelines and keeps each rendered reply in memory until the
// client reads the ones before it: a client that pipelines and never reads makes the server
// hold page after page. Here a connection's requests are handled one at a time (the next starts
// once the reply before it has been written out) and a connection that pipelines more than
// `max` is closed. Browsers do not pipeline, so none of this touches them.
export default fp<{ max: number }>(async function pipelining (fastify, { max }) {
  fastify.addHook('onRequest', (request, reply, done) => {
    const socket = request.raw.socket
    // Node still hands over each request it had parsed from the bytes read before the socket
    // was closed: they are dropped without a word, so a connection is warned of once.
    if (socket.destroyed) return
    let state = states.get(socket)
    if (state === undefined) {
      state = { inFlight: 0, waiting: [] }
      states.set(socket, state)
    }
    const current = state
    if (current.inFlight >= max) {
      request.log.warn({ max }, 'connection closed: it pipelined more requests than allowed without reading the replies')
      socket.destroy()
      return
    }
    current.inFlight++
    reply.raw.once('finish', () => {
      current.inFlight--
      current.waiting.shift()?.()
    })
    if (current.inFlight === 1) done()
    else current.waiting.push(done)
  })
}, { name: 'fastify-stock-portfolio/pipelining', fastify: '5.x' })
