import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from 'tap'
import { freePort } from '../clients/free-port.js'
import { kill, launch } from './process-helper.js'

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx'

/** A reason to skip a test that needs nginx, or false; in CI a missing nginx is a failure. */
export function nginxSkip (): string | false {
  if (existsSync(NGINX)) return false
  const message = `NGINX TEST SKIPPED: no nginx at ${NGINX} (apt-get install -y nginx)`
  if (process.env.CI === 'true') throw new Error(message)
  console.error(`\n*** ${message} ***\n`)
  return message
}

/**
 * Starts nginx in front of `upstreams` (host:port) on a free loopback port, with `http` and
 * `location` lines added to its configuration; stopped when the test ends. Resolves with its URL
 * once it answers.
 */
export async function startNginx (t: Test, upstreams: string[], { http = '', location = '', connections = 256 } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'portfolio-nginx-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const port = await freePort()
  await writeFile(join(dir, 'nginx.conf'), `
${process.getuid?.() === 0 ? 'user root;' : ''}
# One process, no workers: the one the test starts is all there is to stop.
master_process off;
worker_rlimit_nofile ${connections * 2 + 64};
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections ${connections}; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream portfolio { ${upstreams.map((host) => `server ${host};`).join(' ')} }
  ${http}
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://portfolio;
      proxy_set_header Host $host;
      ${location}
    }
  }
}
`)
  const nginx = launch(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'ignore' })
  t.teardown(() => { kill(nginx) })
  const url = `http://127.0.0.1:${port}`
  for (const started = Date.now(); Date.now() - started < 60_000;) {
    try {
      await fetch(`${url}/health`)
      break
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  return url
}
