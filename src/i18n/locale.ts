import { type Formatters, IntlMessageFormat } from 'intl-messageformat'
import Negotiator from 'negotiator'
import type { MessageValues, Wording } from '../portfolio/wording.js'
import { type Catalogue, flatten, isPlain, type MessageKey, type Messages } from './catalogue.js'
import { type LocaleNumbers, localeNumbers } from './number-format.js'

/** One language the pages are offered in: its messages and its numbers, each made once. */
export interface Locale extends Wording<MessageKey> {
  /** The BCP 47 tag, as `<html lang>` and Content-Language say it. */
  tag: string
  /** The plain-text messages, nested as in the catalogue, for the templates: `{{t.list.title}}`. */
  t: Catalogue
}

function nest (messages: Messages): Catalogue {
  const nested: Record<string, unknown> = {}
  for (const [key, text] of Object.entries(messages)) {
    const path = key.split('.')
    let node = nested
    for (const name of path.slice(0, -1)) node = (node[name] ??= {}) as Record<string, unknown>
    node[path.at(-1) as string] = text
  }
  return nested as Catalogue
}

/**
 * `messages` (complete, already checked) in the locale `tag`, with money in `currency`. A
 * MessageFormat message is compiled the first time it is said: most are said seldom (errors),
 * and compiling them all would cost start-up time. The number formats are made when the first
 * number is written: the first Intl.NumberFormat of a process loads ICU's number data (about
 * 20 ms, bench/results.md), which a host would otherwise pay in its start-up.
 */
export function makeLocale (tag: string, messages: Messages, currency: string): Locale {
  let made: LocaleNumbers | undefined
  const numbers = (): LocaleNumbers => (made ??= localeNumbers(tag, currency))
  const formatters = messageFormatters()
  const compiled = new Map<MessageKey, IntlMessageFormat>()
  const say = (key: MessageKey, values?: MessageValues): string => {
    if (isPlain(key)) return messages[key]
    let format = compiled.get(key)
    if (format === undefined) {
      format = new IntlMessageFormat(messages[key], tag, undefined, { ignoreTag: true, formatters })
      compiled.set(key, format)
    }
    return String(format.format(values))
  }
  return {
    tag,
    t: nest(messages),
    say,
    money: (amount) => numbers().money(amount),
    count: (value) => numbers().count(value),
    percent: (hundredths) => numbers().percent(hundredths),
    get decimalMark () { return numbers().decimalMark },
    get currency () { return numbers().currency }
  }
}

/**
 * The Intl objects a locale's messages format with (a plural's rules and its `#`), made once,
 * when first asked for. intl-messageformat's own formatters look each one up on every call by
 * the JSON of its arguments: about 10 µs for one plural message, the German list's only one.
 * Any other options (a host's `{n, number, percent}`, dates) get a fresh object, as asked.
 */
function messageFormatters (): Formatters {
  let integers: Intl.NumberFormat | undefined
  const plurals = new Map<string | undefined, Intl.PluralRules>()
  return {
    // formatjs types useGrouping more widely than TypeScript's lib for Node 20 does.
    getNumberFormat: (locales, options) => options === undefined ? (integers ??= new Intl.NumberFormat(locales)) : new Intl.NumberFormat(locales, options as Intl.NumberFormatOptions),
    getPluralRules: (locales, options) => {
      // intl-messageformat always names the type: 'cardinal' for plural, 'ordinal' for selectordinal.
      const type = options?.type
      let rules = plurals.get(type)
      if (rules === undefined) plurals.set(type, rules = new Intl.PluralRules(locales, options))
      return rules
    },
    getDateTimeFormat: (...args) => new Intl.DateTimeFormat(...args)
  }
}

/** A catalogue with a host's overrides over it, one key a message. */
export function withOverrides (catalogue: Catalogue | undefined, overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { ...(catalogue === undefined ? {} : flatten(catalogue)), ...overrides }
}

/** A language of the switch: its tag and its own name for itself. */
export interface LanguageChoice { tag: string, name: string, current: boolean }

/** The switch's buttons as each locale's pages show them: none when one language is offered. */
export function languageChoices (locales: readonly Locale[]): Map<string, LanguageChoice[] | undefined> {
  return new Map(locales.map((current) => [current.tag, locales.length < 2
    ? undefined
    : locales.map(({ tag, t }) => ({ tag, name: t.language.name, current: tag === current.tag }))]))
}

/** The best of `tags` for an Accept-Language header (negotiator, what `accepts` is built on), if any. */
export function negotiate (tags: string[], acceptLanguage: string | undefined): string | undefined {
  return acceptLanguage === undefined ? undefined : new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language(tags)
}
