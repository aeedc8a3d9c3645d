// npm run soak: a minute of realistic mixed load on the production build; fails on any 5xx,
// any connection error, any lost holding, or RSS growing more than 20%.
import { writeFileSync } from 'node:fs'
import { generateKey } from '../src/keys.js'
import { runMix } from '../clients/load-mix.js'
import { rssMb, startProcess } from './server-process.js'

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60)
const server = await startProcess(['dist/src/server/server.js'], { NODE_ENV: 'production', SESSION_KEY: generateKey(), LOG_LEVEL: 'warn' })
try {
  // A few seconds of the same mix first, so RSS at start is the warm process, not the cold one.
  await runMix(server.url, { load: { duration: 5, connections: 8 }, people: 1, addsEach: 5 })
  const rssStart = rssMb(server.child)
  const result = await runMix(server.url, { load: { duration: SECONDS, connections: 16 }, people: 8, addsEach: 100 })
  const rssEnd = rssMb(server.child)
  const fiveHundreds = Object.entries(result.statusCodes).filter(([code]) => Number(code) >= 500).reduce((sum, [, count]) => sum + count, 0)
  const failures = [
    fiveHundreds > 0 && `${fiveHundreds} responses were 5xx`,
    result.errors + result.timeouts > 0 && `${result.errors} connection errors and ${result.timeouts} timeouts`,
    result.lost + result.extra > 0 && `${result.lost} holdings lost and ${result.extra} extra`,
    rssEnd > rssStart * 1.2 && `RSS grew from ${rssStart.toFixed(0)} MB to ${rssEnd.toFixed(0)} MB`
  ].filter(Boolean)
  const report = [
    '| run | requests | status codes | connection errors | holdings added / lost | RSS start → end |',
    '|---|---:|---|---:|---:|---|',
    `| ${new Date().toISOString().slice(0, 10)}, ${SECONDS} s, Node ${process.version} | ${result.requests} | ${Object.entries(result.statusCodes).map(([code, count]) => `${code}: ${count}`).join(', ')} | ${result.errors + result.timeouts} | ${result.added} / ${result.lost} | ${rssStart.toFixed(0)} MB → ${rssEnd.toFixed(0)} MB |`,
    ''
  ].join('\n')
  writeFileSync('bench/soak-results.md', `# Soak results\n\nRun by \`npm run soak\`.\n\n${report}`)
  console.log(report)
  if (failures.length > 0) {
    console.error(`soak FAILED: ${failures.join('; ')}`)
    process.exitCode = 1
  } else {
    console.log('soak passed')
  }
} finally {
  server.child.kill('SIGTERM')
}
