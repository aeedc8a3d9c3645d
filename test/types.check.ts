// Type tests: checked by `tsc --noEmit` (npm test), never run. They pin what a host app's
// TypeScript sees of the plugin.
import Fastify from 'fastify'
import stockPortfolio, { stockPortfolio as named, type StockPortfolioOptions } from '../src/index.js'
import { KEY_A, KEY_B, KEY_C, keyBuffer } from './helper.js'

const app = Fastify()
app.register(stockPortfolio, { key: KEY_A })
app.register(named, { prefix: '/portfolio', key: [keyBuffer(KEY_B), KEY_A], cookieName: 'p', expiry: 3600, secure: true })

// @ts-expect-error the key is required
app.register(stockPortfolio, {})
// @ts-expect-error expiry is a number of seconds
app.register(stockPortfolio, { key: KEY_A, expiry: '1h' })

export const options: StockPortfolioOptions = { key: keyBuffer(KEY_C) }
