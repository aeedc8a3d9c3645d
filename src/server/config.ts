import { compile as compileTrust } from '@fastify/proxy-addr'
import { generateKey, type KeySource, parseKeys } from '../keys.js'
import { DEFAULT_EXPIRY_SECONDS, MAX_EXPIRY_SECONDS } from '../options.js'
import { isCurrency } from '../i18n/settings.js'

/** What the standalone server does when a client is slow, greedy or the process runs short. */
export interface ServerLimits {
  /** An idle socket (nothing read or written) is closed after this many ms. */
  connectionTimeout: number
  /** A request, headers and body, must arrive within this many ms (a trickled body is cut off). */
  requestTimeout: number
  /** A request's headers must arrive within this many ms: a visitor sends them in well under a second. */
  headersTimeout: number
  /** An idle keep-alive connection is closed after this many ms. */
  keepAliveTimeout: number
  /** Requests served on one connection before it is closed; 0 for no limit. */
  maxRequestsPerSocket: number
  /** Connections open at once; more are refused. */
  maxConnections: number
  /** Requests one connection may pipeline before it is closed. */
  maxPipelinedRequests: number
  /** Past any of these the server answers 503 with Retry-After (@fastify/under-pressure). */
  maxHeapUsedBytes: number
  maxRssBytes: number
  maxEventLoopDelay: number
}

export interface ServerConfig {
  host: string
  port: number
  keys: Buffer[]
  /** True when no SESSION_KEY was given and a key was made for this run only. */
  keyGenerated: boolean
  expiry: number
  /** The ISO 4217 code of the currency amounts are in: CURRENCY, default USD. */
  currency: string
  production: boolean
  logLevel: string
  /** The addresses a proxy in front connects from, whose X-Forwarded-* headers are believed; false for none. */
  trustProxy: string[] | false
  limits: ServerLimits
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const KEY_SOURCE: KeySource = { name: 'SESSION_KEY', howTo: 'npm run genkey prints one' }

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']
const MB = 1024 * 1024

/** An unset and an empty variable both mean "use the default". */
function setting (env: NodeJS.ProcessEnv, name: string): string | undefined {
  const text = env[name]
  return text === '' ? undefined : text
}

function integer (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = setting(env, name)
  if (text === undefined) return fallback
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${text}"`)
  }
  return Number(text)
}

/**
 * TRUST_PROXY: the proxy's addresses, comma-separated, read by @fastify/proxy-addr as Fastify's
 * trustProxy reads them. Never "true": a client reaching the server directly could then claim
 * any scheme or host.
 */
function trustedProxies (env: NodeJS.ProcessEnv): string[] | false {
  const text = setting(env, 'TRUST_PROXY')
  if (text === undefined) return false
  const entries = text.split(',').map((entry) => entry.trim())
  try {
    compileTrust(entries)
  } catch (error) {
    throw new ConfigError(`TRUST_PROXY must list the addresses your proxy connects from, comma-separated: IP addresses, CIDR ranges such as 10.0.0.0/8, or loopback, linklocal, uniquelocal (${(error as Error).message})`)
  }
  return entries
}

// Read by hand rather than with env-schema (what @fastify/env is built on), which was tried:
// Ajv's coercion takes PORT=1e3 as 1000 and an empty variable as a wrong type instead of the
// default, and its messages read "env/PORT must be <= 65535" rather than what to set.
/** Reads the standalone server's settings from the environment; throws ConfigError on any bad one. */
export function loadConfig (env: NodeJS.ProcessEnv): ServerConfig {
  const production = env.NODE_ENV === 'production'
  const keyText = setting(env, 'SESSION_KEY')
  const keyGenerated = keyText === undefined
  if (keyGenerated && production) {
    throw new ConfigError('SESSION_KEY is required when NODE_ENV=production: set it to 64 hex characters (npm run genkey prints one)')
  }
  const logLevel = setting(env, 'LOG_LEVEL') ?? 'info'
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`)
  }
  const currency = setting(env, 'CURRENCY') ?? 'USD'
  if (!isCurrency(currency)) {
    throw new ConfigError(`CURRENCY must be an ISO 4217 code in capitals, such as USD, EUR or CHF, not "${currency}"`)
  }
  const hour = 60 * 60 * 1000
  return {
    host: setting(env, 'HOST') ?? '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    keys: parseKeys(keyGenerated ? generateKey() : keyText, KEY_SOURCE),
    keyGenerated,
    expiry: integer(env, 'SESSION_EXPIRY', DEFAULT_EXPIRY_SECONDS, 1, MAX_EXPIRY_SECONDS),
    currency,
    production,
    logLevel,
    trustProxy: trustedProxies(env),
    limits: {
      connectionTimeout: integer(env, 'CONNECTION_TIMEOUT', 30_000, 1, hour),
      requestTimeout: integer(env, 'REQUEST_TIMEOUT', 30_000, 1, hour),
      headersTimeout: integer(env, 'HEADERS_TIMEOUT', 10_000, 1, hour),
      keepAliveTimeout: integer(env, 'KEEP_ALIVE_TIMEOUT', 5_000, 1, hour),
      maxRequestsPerSocket: integer(env, 'MAX_REQUESTS_PER_SOCKET', 0, 0, 1_000_000),
      maxConnections: integer(env, 'MAX_CONNECTIONS', 1024, 1, 1_000_000),
      maxPipelinedRequests: integer(env, 'MAX_PIPELINED_REQUESTS', 8, 1, 1000),
      maxHeapUsedBytes: integer(env, 'MAX_HEAP_MB', 256, 16, 1_000_000) * MB,
      maxRssBytes: integer(env, 'MAX_RSS_MB', 448, 32, 1_000_000) * MB,
      maxEventLoopDelay: integer(env, 'MAX_EVENT_LOOP_DELAY', 1000, 10, 60_000)
    }
  }
}
