import t from 'tap'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KEY_A } from './helper.js'
import { kill, launch, start } from './process-helper.js'
import { freePort } from '../clients/free-port.js'
import { HttpSession } from '../clients/http-session.js'

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx'
// Two servers, nginx and 300 requests: about 10 s alone, several times that on a busy machine.
t.setTimeout(180_000)

function nginxSkip (): string | false {
  if (existsSync(NGINX)) return false
  const message = `LOAD-BALANCER TEST SKIPPED: no nginx at ${NGINX} (apt-get install -y nginx)`
  if (process.env.CI === 'true') throw new Error(message)
  console.error(`\n*** ${message} ***\n`)
  return message
}

t.test('two instances sharing SESSION_KEY behind nginx round-robin: one session never loses or duplicates a holding', { skip: nginxSkip() }, async (t) => {
  // Killed at the end, so they write no coverage: not measured.
  const servers = await Promise.all([start(t, { SESSION_KEY: KEY_A }, [], false), start(t, { SESSION_KEY: KEY_A }, [], false)])
  const upstreams = servers.map(({ url }) => new URL(url).host)
  const dir = await mkdtemp(join(tmpdir(), 'portfolio-nginx-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const port = await freePort()
  await writeFile(join(dir, 'nginx.conf'), `
${process.getuid?.() === 0 ? 'user root;' : ''}
daemon off;
# One process, no workers: the one the test starts is all there is to stop.
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream portfolio { ${upstreams.map((host) => `server ${host};`).join(' ')} }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://portfolio;
      proxy_set_header Host $host;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`)
  const nginx = launch(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'ignore' })
  t.teardown(() => { kill(nginx) })
  const url = `http://127.0.0.1:${port}`
  for (const started = Date.now(); Date.now() - started < 60_000;) {
    try { await fetch(`${url}/health`); break } catch { await new Promise((resolve) => setTimeout(resolve, 100)) }
  }

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
    const list = upstream(await session.get('/stocks/', { accept: 'application/json' }))
    const symbols = (await list.json() as { holdings: Array<{ symbol: string }> }).holdings.map((holding) => holding.symbol)
    if (symbols.join() !== added.join()) {
      t.fail(`after purchase ${i} the list read ${symbols.length} holdings`)
      break
    }
  }
  t.equal(added.length, 150, '300 requests, every purchase kept exactly once, in order')
  t.same([...seen].sort(), [...upstreams].sort(), 'both instances served the session')
})
