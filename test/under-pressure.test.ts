import t, { type Test } from 'tap'
import Fastify, { type FastifyInstance } from 'fastify'
import underPressure from '@fastify/under-pressure'
import { setTimeout as sleep } from 'node:timers/promises'
import stockPortfolio from '../src/index.js'
import { KEY_A } from './helper.js'

// fastify/demo sheds load past 98% event-loop utilisation, averaged from under-pressure's
// registration and first sampled a second later. A host start-up that keeps the loop busy for
// more than that second is refused whatever the plugin does; what the plugin must not do is
// keep the loop busy once it is ready. So: the demo's settings, two samples after ready, and
// the pages must still be served; a plugin that keeps the loop busy, the control, gets 503.

const DEMO_SETTINGS = { maxEventLoopDelay: 1000, maxHeapUsedBytes: 1_000_000_000, maxRssBytes: 1_500_000_000, maxEventLoopUtilization: 0.98 }

/**
 * Waits for under-pressure to take two samples from now, and gives the last. It samples by
 * calling process.memoryUsage() (nothing else here does), so the calls are counted: a loop kept
 * busy reads exactly 1 at every sample, which no change of the value would show.
 */
async function twoSamples (t: Test, app: FastifyInstance): Promise<number> {
  const samples = t.capture(process, 'memoryUsage', process.memoryUsage)
  while (samples.calls.length < 2) await sleep(50)
  samples.restore()
  return app.memoryUsage().eventLoopUtilized
}

async function demoHost (t: Test, plugin: (app: FastifyInstance) => Promise<void>): Promise<FastifyInstance> {
  const app = Fastify()
  await app.register(underPressure, DEMO_SETTINGS)
  await plugin(app)
  await app.ready()
  t.teardown(() => app.close())
  return app
}

t.test('under the demo\'s load shedding, the plugin once ready leaves the loop idle: its pages are served', async (t) => {
  const app = await demoHost(t, async (app) => { await app.register(stockPortfolio, { prefix: '/portfolio', key: KEY_A }) })
  t.equal((await app.inject('/portfolio/stocks/')).statusCode, 200, 'the first request after ready')
  const utilisation = await twoSamples(t, app)
  t.ok(utilisation < DEMO_SETTINGS.maxEventLoopUtilization, `event-loop utilisation ${utilisation.toFixed(2)}, below 0.98`)
  t.equal((await app.inject('/portfolio/stocks/')).statusCode, 200, 'a request two samples later')
})

t.test('the control: a plugin that keeps the loop busy after ready is refused by the same settings', async (t) => {
  let spinning = true
  const app = await demoHost(t, async (app) => {
    app.addHook('onReady', async () => {
      const spin = (): void => {
        const until = performance.now() + 20
        while (performance.now() < until);
        if (spinning) setImmediate(spin)
      }
      spin()
    })
    app.addHook('onClose', async () => { spinning = false })
    app.get('/busy', async () => 'busy')
  })
  const utilisation = await twoSamples(t, app)
  t.ok(utilisation > DEMO_SETTINGS.maxEventLoopUtilization, `event-loop utilisation ${utilisation.toFixed(2)}, above 0.98`)
  t.equal((await app.inject('/busy')).statusCode, 503)
})
