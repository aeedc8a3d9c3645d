import Fastify from 'fastify'

// The floor the benchmark measures against: bare Fastify, no session, no templates. GET answers
// an HTML string of the size asked for (the size of the page it stands in for), POST a 302.
const app = Fastify({ logger: { level: 'warn' } })
const pages = new Map<number, string>()

function page (bytes: number): string {
  let html = pages.get(bytes)
  if (html === undefined) {
    const shell = '<!doctype html><html><body></body></html>'
    html = shell.replace('<body>', '<body>' + 'x'.repeat(Math.max(0, bytes - shell.length)))
    pages.set(bytes, html)
  }
  return html
}

app.get<{ Querystring: { bytes: string } }>('/page', async (request, reply) =>
  reply.type('text/html; charset=utf-8').send(page(Number(request.query.bytes))))
app.post('/add_stock', async (_request, reply) => reply.redirect('/stocks/', 302))

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
