import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { loadConfig, type ServerConfig } from './config.js'

let config: ServerConfig
try {
  config = loadConfig(process.env)
} catch (error) {
  console.error(`fastify-stock-portfolio: ${(error as Error).message}`)
  process.exit(1)
}

const app = await buildApp(config)
if (config.keyGenerated) {
  app.log.warn('SESSION_KEY is not set: using a random key for this run only, so every session ends when the server stops (npm run genkey prints a key to keep)')
}

closeWithGrace({ delay: 4000 }, async ({ signal, err }) => {
  if (err !== undefined) app.log.error({ err }, 'server closing after an error')
  else app.log.info({ signal }, 'server closing')
  await app.close()
})

await app.listen({ host: config.host, port: config.port })
