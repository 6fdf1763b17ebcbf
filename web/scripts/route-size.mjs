// Measures what the browser downloads to show a route: the entry chunk, everything it imports
// statically, and the route's own lazily loaded view with its static imports. Reads the Vite
// manifest of the last build (npm run build). Fails when the sign-in route's JavaScript exceeds
// the budget, so the console cannot quietly grow a heavy first page.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'

const DIST = new URL('../dist/', import.meta.url).pathname
const BUDGET_GZIP_BYTES = 400 * 1024
const ROUTES = {
  login: 'src/views/Login/Login.vue',
  home: ['src/layouts/ConsoleLayout.vue', 'src/views/Home/Home.vue'],
  standard: ['src/layouts/ConsoleLayout.vue', 'src/views/Standards/StandardDetail.vue'],
  audit: ['src/layouts/ConsoleLayout.vue', 'src/views/Audit/AuditLog.vue'],
}

const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8'))

function collect(key, files, seen = new Set()) {
  if (seen.has(key)) return
  seen.add(key)
  const chunk = manifest[key]
  if (!chunk) throw new Error(`not in the manifest: ${key}`)
  files.add(chunk.file)
  for (const css of chunk.css ?? []) files.add(css)
  for (const child of chunk.imports ?? []) collect(child, files, seen)
}

function measure(views) {
  const files = new Set()
  collect('index.html', files)
  for (const view of [views].flat()) collect(view, files)
  const total = { js: 0, jsGzip: 0, css: 0, cssGzip: 0 }
  for (const file of files) {
    const body = readFileSync(join(DIST, file))
    const kind = file.endsWith('.css') ? 'css' : 'js'
    total[kind] += body.length
    total[`${kind}Gzip`] += gzipSync(body, { level: 9 }).length
  }
  return total
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
let failed = false
for (const [name, views] of Object.entries(ROUTES)) {
  const size = measure(views)
  console.log(
    `${name.padEnd(9)} JS ${kb(size.js).padStart(9)} (gzip ${kb(size.jsGzip).padStart(8)})   ` +
      `CSS ${kb(size.css).padStart(8)} (gzip ${kb(size.cssGzip).padStart(7)})`,
  )
  if (name === 'login' && size.jsGzip > BUDGET_GZIP_BYTES) {
    console.error(`sign-in route JS is ${kb(size.jsGzip)} gzipped, over the ${kb(BUDGET_GZIP_BYTES)} budget`)
    failed = true
  }
}
process.exit(failed ? 1 : 0)
