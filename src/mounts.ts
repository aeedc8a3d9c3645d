import { withoutTrailingSlashes } from './urls.js'

/** The session cookies of the plugin's mounts on one server: name and Path of each. */
const mounts = new WeakMap<object, Array<{ cookieName: string, cookiePath: string }>>()

/** Whether browsers send a cookie of Path `outer` with a request for the path `inner` (RFC 6265, 5.1.4). */
export const covers = (outer: string, inner: string): boolean =>
  outer === inner || inner.startsWith(outer === '/' ? '/' : `${outer}/`)

/**
 * Records a mount's cookie on its server, and refuses a second mount whose cookie would reach
 * the same pages under the same name: the browser sends both, and neither can be trusted.
 */
export function claimCookie (server: object, cookieName: string, cookiePath: string): void {
  const claimed = mounts.get(server) ?? []
  const clash = claimed.find((mount) => mount.cookieName === cookieName && (covers(mount.cookiePath, cookiePath) || covers(cookiePath, mount.cookiePath)))
  if (clash !== undefined) {
    throw new TypeError(`fastify-stock-portfolio: mounted at ${cookiePath} with cookieName "${cookieName}", as is the mount at ${clash.cookiePath}: browsers would send both cookies to the inner one. Give each mount its own cookieName, or leave it unset (the default name follows the prefix)`)
  }
  mounts.set(server, [...claimed, { cookieName, cookiePath }])
}

/**
 * Refuses a `prefix` that Fastify did not apply. Fastify reads `prefix` only from an options
 * object: options given as a function (the usual way to read `@fastify/env`'s config) may
 * return one, and it is silently dropped (fastify/fastify#3771), so the pages would land at the
 * root of the host.
 */
export function checkPrefix (mountedAt: string, asked: unknown): void {
  if (typeof asked !== 'string') return
  const wanted = withoutTrailingSlashes(asked.startsWith('/') ? asked : `/${asked}`)
  if (wanted === '' || withoutTrailingSlashes(mountedAt).endsWith(wanted)) return
  throw new TypeError(`fastify-stock-portfolio: the options ask for prefix "${asked}", but Fastify mounted the plugin at "${mountedAt === '' ? '/' : mountedAt}": Fastify takes prefix from an options object only, not from what an options function returns. Give the options as an object (read @fastify/env's config after it has loaded: app.register(stockPortfolio, { prefix: '${asked}', key: app.config.PORTFOLIO_KEY })), or register the plugin inside a plugin registered with that prefix`)
}
