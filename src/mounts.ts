/** The session cookies of the plugin's mounts on one server: name and Path of each. */
const mounts = new WeakMap<object, Array<{ cookieName: string, cookiePath: string }>>()

const covers = (outer: string, inner: string): boolean =>
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
