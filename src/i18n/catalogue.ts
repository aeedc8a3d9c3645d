import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { en } from './catalogues/en.js'
import { de } from './catalogues/de.js'

// The message catalogues: what they hold, and the checks a host's own messages pass at
// registration. Every catalogue has the English one's keys; a message with {arguments} is ICU
// MessageFormat, one without is plain text (so a brace in it is a mistake, not a literal).

type Texts<T> = { readonly [K in keyof T]: T[K] extends string ? string : Texts<T[K]> }
type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Keys<T[K], `${Prefix}${K}.`>
}[keyof T & string]

/** A catalogue: the English one's shape, any words. */
export type Catalogue = Texts<typeof en>
/** "list.title", "field.purchase_price.hint": a message's key. */
export type MessageKey = Keys<typeof en>
export type Messages = Record<MessageKey, string>

/** The catalogues this package ships, by locale. */
export const SHIPPED: Readonly<Record<string, Catalogue>> = { en, de }
export const SHIPPED_LOCALES = Object.keys(SHIPPED)

/** A nested catalogue as one key a message: "list.title". */
export function flatten (catalogue: object, prefix = ''): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') flat[prefix + key] = value
    else Object.assign(flat, flatten(value as object, `${prefix}${key}.`))
  }
  return flat
}

const ENGLISH = flatten(en) as Messages
/** Every message key, in the English catalogue's order. */
export const MESSAGE_KEYS = Object.keys(ENGLISH) as MessageKey[]

/** The arguments a message reads, or undefined when it is not MessageFormat. */
export function argumentsOf (message: string): Set<string> | undefined {
  let elements: MessageFormatElement[]
  try {
    elements = parse(message, { ignoreTag: true })
  } catch {
    return undefined
  }
  const names = new Set<string>()
  const visit = (list: MessageFormatElement[]): void => {
    for (const element of list) {
      // Tags are read as text (ignoreTag), so no element is one.
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue
      names.add(element.value)
      if (element.type === TYPE.select || element.type === TYPE.plural) {
        for (const option of Object.values(element.options)) visit(option.value)
      }
    }
  }
  visit(elements)
  return names
}

/** What every price message is given (src/portfolio/add-stock-form.ts, fieldValues). */
const PRICE_ARGUMENTS = ['max', 'digits', 'example', 'symbol', 'currency', 'currencyName', 'comma']

/**
 * The arguments a message is given besides those its English reads: another language, or a
 * host, may say more (whether a comma is taken, an example) than the English does.
 */
const MORE_ARGUMENTS: Partial<Record<MessageKey, string[]>> = {
  'field.purchase_price.label': PRICE_ARGUMENTS,
  'field.purchase_price.hint': PRICE_ARGUMENTS,
  'field.purchase_price.invalid': PRICE_ARGUMENTS,
  'csv.invalid.purchase_price': [...PRICE_ARGUMENTS, 'line']
}

/** Every argument a message is given. */
export const argumentsGiven = (key: MessageKey): Set<string> => new Set([...argumentsOf(ENGLISH[key]) as Set<string>, ...MORE_ARGUMENTS[key] ?? []])

/** Plain text: the English message has no arguments, so the others have none either. */
export const isPlain = (key: MessageKey): boolean => !ENGLISH[key].includes('{')

/**
 * Why `message` cannot stand for `key`, or undefined when it can: a plain text stays plain,
 * and a MessageFormat message parses and reads only the arguments the English one is given.
 */
export function messageProblem (key: MessageKey, message: unknown): string | undefined {
  if (typeof message !== 'string') return 'is not a string'
  if (isPlain(key)) return message.includes('{') ? 'is plain text here, with no {arguments}' : undefined
  const names = argumentsOf(message)
  if (names === undefined) return 'is not ICU MessageFormat'
  const given = argumentsGiven(key)
  const unknown = [...names].filter((name) => !given.has(name))
  return unknown.length > 0 ? `reads {${unknown.join('}, {')}}, which it is not given (only {${[...given].join('}, {')}})` : undefined
}
