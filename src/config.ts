import { generateKey, parseKeys } from './keys.js'
import { DEFAULT_EXPIRY_SECONDS, MAX_EXPIRY_SECONDS } from './options.js'

export interface ServerConfig {
  host: string
  port: number
  keys: Buffer[]
  /** True when no SESSION_KEY was given and a key was made for this run only. */
  keyGenerated: boolean
  expiry: number
  production: boolean
  logLevel: string
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

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
  return {
    host: setting(env, 'HOST') ?? '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    keys: parseKeys(keyGenerated ? generateKey() : keyText, 'SESSION_KEY'),
    keyGenerated,
    expiry: integer(env, 'SESSION_EXPIRY', DEFAULT_EXPIRY_SECONDS, 1, MAX_EXPIRY_SECONDS),
    production,
    logLevel
  }
}
