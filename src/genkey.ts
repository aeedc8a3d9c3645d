import { generateKey } from './keys.js'

// npm run genkey: a fresh SESSION_KEY.
console.log(generateKey())
