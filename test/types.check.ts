// Type tests: checked by `tsc --noEmit` (npm test), never run. They pin what a host app's
// TypeScript sees of the plugin.
import Fastify from 'fastify'
import stockPortfolio, { stockPortfolio as named, type StockPortfolioOptions } from '../src/index.js'

const app = Fastify()
app.register(stockPortfolio, { key: 'ab'.repeat(32) })
app.register(named, { prefix: '/portfolio', key: [Buffer.alloc(32), 'ab'.repeat(32)], cookieName: 'p', expiry: 3600, secure: true })

// @ts-expect-error the key is required
app.register(stockPortfolio, {})
// @ts-expect-error expiry is a number of seconds
app.register(stockPortfolio, { key: 'ab'.repeat(32), expiry: '1h' })

export const options: StockPortfolioOptions = { key: Buffer.alloc(32) }
