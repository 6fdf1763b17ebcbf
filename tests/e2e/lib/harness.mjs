/**
 * What every browser test needs: the server run.sh started, the demo users' passwords, Debian's
 * chromium through playwright-core, sign-in, axe-core checks and screenshots.
 *
 * Synchronisation is always on something observable (a response, a selector, the end of
 * animations), never on time.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { after, before } from 'node:test'
import { fileURLToPath } from 'node:url'

import { chromium } from 'playwright-core'

const require = createRequire(import.meta.url)
const here = path.dirname(fileURLToPath(import.meta.url))

function required(name) {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: run the tests through tests/e2e/run.sh`)
  return value
}

export const baseUrl = required('HX_BASE_URL').replace(/\/$/, '')
export const screenshotDir = process.env.HX_SCREENSHOTS ?? path.join(here, '..', 'screenshots')
fs.mkdirSync(screenshotDir, { recursive: true })

/** username → password, read from the logins file `huixing init --demo` wrote. */
export const passwords = (() => {
  const map = new Map()
  for (const line of fs.readFileSync(required('HX_LOGINS_FILE'), 'utf8').split('\n')) {
    const [username, password] = line.trim().split(/\s+/)
    if (username && password && !map.has(username)) map.set(username, password)
  }
  return map
})()

export function passwordOf(username) {
  const password = passwords.get(username)
  assert.ok(password, `no password for '${username}' in the logins file`)
  return password
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Debian's chromium, never a downloaded build. Playwright gives every launch a fresh, temporary
 * --user-data-dir of its own (under TMPDIR, which run.sh points into its work directory) and
 * removes it on close; it refuses one passed in `args`.
 */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.HX_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  })
}

/**
 * The browser one spec file shares: launched before its first test and closed after its last,
 * once `cleanUp` (what the file puts back: the test clock, a policy) has run. Read
 * `shared.browser` inside a test (it is not there yet when the file is loaded).
 */
export function useBrowser({ cleanUp } = {}) {
  const shared = { browser: undefined }
  before(async () => {
    shared.browser = await launchBrowser()
  })
  after(async () => {
    await cleanUp?.()
    await shared.browser?.close()
  })
  return shared
}

/**
 * A fresh context (no cookies) and page. Uncaught page errors are collected: every test ends with
 * `assertNoPageErrors(page)`, so a view that throws while rendering fails its test.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  })
  context.setDefaultTimeout(15_000)
  context.setDefaultNavigationTimeout(15_000)
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (error) => errors.push(error.message))
  pageErrors.set(page, errors)
  return page
}

const pageErrors = new WeakMap()

export function assertNoPageErrors(page) {
  assert.deepEqual(pageErrors.get(page) ?? [], [], 'the page threw uncaught errors')
}

export function url(pathname) {
  return `${baseUrl}${pathname}`
}

/** Resolves with the first response whose method and path (without the query) match. */
export function waitForApi(page, method, pathname, { status } = {}) {
  return page.waitForResponse((response) => {
    const request = response.request()
    if (request.method() !== method) return false
    if (new URL(response.url()).pathname !== pathname) return false
    return status === undefined || response.status() === status
  })
}

/** No Element Plus loading mask and no running animation (dialogs fade in, toasts slide). */
export async function settle(page) {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('.el-loading-mask').length === 0 &&
      document.getAnimations().every((animation) => animation.playState !== 'running'),
  )
}

/**
 * Signs in through the form and waits for the console's home page. `password`: for an account a
 * spec created (the demo users' come from the logins file).
 */
export async function signIn(page, username, password = passwordOf(username)) {
  await page.goto(url('/console/login'))
  await page.locator('#login-username').fill(username)
  await page.locator('#login-password').fill(password)
  const answer = waitForApi(page, 'POST', '/api/v1/session')
  await page.getByRole('button', { name: '登录', exact: true }).click()
  assert.equal((await answer).status(), 200, `sign-in of ${username}`)
  await page.waitForURL((address) => address.pathname === '/console/')
  await page.getByRole('heading', { level: 1, name: /^您好/ }).waitFor()
}

/** A fresh page (openPage) signed in as `username` (signIn), on the console's home page. */
export async function signedInPage(browser, username, password = passwordOf(username)) {
  const page = await openPage(browser)
  await signIn(page, username, password)
  return page
}

/**
 * Clicks `name` in the side menu and waits for the page's level-1 heading (`heading`, by default
 * the menu's name). With `api` (`[method, path]`), also for that request's 200 answer, which it
 * returns.
 */
export async function openFromMenu(page, name, { api, heading = name } = {}) {
  const answer = api ? waitForApi(page, api[0], api[1], { status: 200 }) : undefined
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name }).click()
  const response = await answer
  await page.getByRole('heading', { level: 1, name: heading }).waitFor()
  return response
}

/** The side menu's entries, in order. */
export async function menuItems(page) {
  const nav = page.getByRole('navigation', { name: '主菜单' })
  return (await nav.getByRole('menuitem').allInnerTexts()).map((text) => text.trim())
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true })
}

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation (every
 * rule axe has, WCAG 2.x A/AA and best practices). Takes the screenshot `name` first, so that a
 * failure can be looked at.
 */
export async function checkAccessibility(page, name) {
  await settle(page)
  await screenshot(page, name)
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const results = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'] }),
  )
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  )
  const report = serious.map(
    (violation) =>
      `${violation.impact} ${violation.id}: ${violation.help}\n` +
      violation.nodes
        .slice(0, 5)
        .map(
          (node) => `    ${node.target.join(' ')}: ${node.failureSummary?.split('\n').join(' ')}`,
        )
        .join('\n'),
  )
  assert.equal(serious.length, 0, `axe on ${name}:\n${report.join('\n')}`)
}
