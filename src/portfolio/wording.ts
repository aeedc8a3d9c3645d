import type { Amount } from './money.js'

/** A message's arguments: text already formatted, or a number the message formats itself. */
export type MessageValues = Record<string, string | number>

/**
 * What the view models ask of the visitor's language: its messages, by key, and its numbers.
 * src/i18n/locale.ts makes one per locale; each view model names the keys it uses, so the
 * compiler checks them against the catalogue.
 */
export interface Wording<Key extends string> {
  say: (key: Key, values?: MessageValues) => string
  /** "$4,532.55", "4.532,55 €": exact. */
  money: (amount: Amount) => string
  /** "1,000,000", "1.000.000". */
  count: (count: number) => string
  /** "45.67%", "45,67 %", from hundredths of a percent. */
  percent: (hundredths: number) => string
  /** The locale's decimal mark, which a price may be typed with besides a point. */
  decimalMark: string
  /** The operator's currency: its ISO 4217 code, its symbol and its name in this language. */
  currency: { code: string, symbol: string, name: string }
}
