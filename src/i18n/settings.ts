import { MESSAGE_KEYS, messageProblem, type MessageKey, type Messages, SHIPPED, SHIPPED_LOCALES } from './catalogue.js'
import { withOverrides } from './locale.js'

/** The plugin's language options, as a host gives them (src/options.ts). */
export interface LanguageOptions {
  locales?: readonly string[]
  defaultLocale?: string
  messages?: Readonly<Record<string, Readonly<Record<string, string>>>>
  currency?: string
}

/** The languages offered, each with its complete messages, the default among them, the currency. */
export interface LanguageSettings {
  locales: Array<{ tag: string, messages: Messages }>
  defaultLocale: string
  currency: string
}

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'))

/** Whether `code` is an ISO 4217 currency code this Node's Intl knows. */
export const isCurrency = (code: unknown): code is string => typeof code === 'string' && /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code)

function canonical (tag: unknown, option: string): string {
  try {
    if (typeof tag === 'string') return Intl.getCanonicalLocales(tag)[0] as string
  } catch {}
  throw new TypeError(`option ${option} must be a BCP 47 language tag such as "en" or "de", not ${JSON.stringify(tag)}`)
}

/** Checks the language options; each error names the option, the key and what is wrong. */
export function resolveLanguage ({ locales = SHIPPED_LOCALES, defaultLocale, messages = {}, currency = 'USD' }: LanguageOptions): LanguageSettings {
  if (!isCurrency(currency)) throw new TypeError(`option currency must be an ISO 4217 code such as USD or EUR, not ${JSON.stringify(currency)}`)
  if (!Array.isArray(locales) || locales.length === 0) throw new TypeError(`option locales must be a non-empty array of language tags, such as ${JSON.stringify(SHIPPED_LOCALES)}`)
  const tags = locales.map((tag) => canonical(tag, 'locales'))
  const twice = tags.find((tag, i) => tags.indexOf(tag) !== i)
  if (twice !== undefined) throw new TypeError(`option locales names ${twice} twice`)
  if (typeof messages !== 'object' || messages === null) throw new TypeError('option messages must be an object: { [locale]: { [key]: message } }')
  const overrides = new Map<string, Readonly<Record<string, string>>>()
  for (const [given, table] of Object.entries(messages)) {
    const tag = canonical(given, 'messages')
    if (!tags.includes(tag)) throw new TypeError(`option messages.${given}: ${tag} is not among option locales (${tags.join(', ')})`)
    if (typeof table !== 'object' || table === null) throw new TypeError(`option messages.${given} must be an object of message keys and messages`)
    for (const [key, message] of Object.entries(table)) {
      if (!(MESSAGE_KEYS as string[]).includes(key)) throw new TypeError(`option messages.${given}: there is no message "${key}" (the keys are those of the English catalogue, in the package at dist/src/i18n/catalogues/en.d.ts, such as "list.title")`)
      const problem = messageProblem(key as MessageKey, message)
      if (problem !== undefined) throw new TypeError(`option messages.${given}["${key}"] ${problem}`)
    }
    overrides.set(tag, table)
  }
  const resolved = tags.map((tag) => {
    const complete = withOverrides(SHIPPED[tag], overrides.get(tag))
    const missing = MESSAGE_KEYS.filter((key) => complete[key] === undefined)
    if (missing.length > 0) {
      throw new TypeError(`option locales: ${tag} has no shipped catalogue (${SHIPPED_LOCALES.join(', ')}), so option messages.${tag} must give every message; missing: ${missing.join(', ')}`)
    }
    return { tag, messages: complete as Messages }
  })
  const fallback = tags.includes('en') ? 'en' : tags[0] as string
  const chosen = defaultLocale === undefined ? fallback : canonical(defaultLocale, 'defaultLocale')
  if (!tags.includes(chosen)) throw new TypeError(`option defaultLocale ${chosen} is not among option locales (${tags.join(', ')})`)
  return { locales: resolved, defaultLocale: chosen, currency }
}
