// The public home page is server-rendered: it must work without JavaScript and lead staff to the
// console.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  openPage,
  screenshot,
  url,
  useBrowser,
} from '../lib/harness.mjs'

const shared = useBrowser()

test('the public home page renders without JavaScript and links to the console', async () => {
  const page = await openPage(shared.browser, { javaScriptEnabled: false })
  const response = await page.goto(url('/'))
  assert.equal(response?.status(), 200)
  // Rendered by the server: the answer itself carries the content, not a script that builds it.
  assert.match(await response.text(), /<h1>北京市星级智慧社区认定<\/h1>/)
  await page.getByRole('heading', { level: 1, name: '北京市星级智慧社区认定' }).waitFor()
  const consoleLink = page.getByRole('link', { name: '登录工作台' })
  assert.equal(await consoleLink.getAttribute('href'), '/console/')
  await screenshot(page, 'public-home-no-js')

  const [consoleAnswer] = await Promise.all([
    page.waitForResponse((answer) => new URL(answer.url()).pathname === '/console/'),
    consoleLink.click(),
  ])
  assert.equal(consoleAnswer.status(), 200)
  assert.equal(await page.title(), '慧星 · 北京市星级智慧社区认定系统')
  assertNoPageErrors(page)
  await page.context().close()

  // axe-core runs on timers, which a script-less page never fires: the same server-rendered
  // page is checked in an ordinary context.
  const checked = await openPage(shared.browser)
  await checked.goto(url('/'))
  await checked.getByRole('heading', { level: 1, name: '北京市星级智慧社区认定' }).waitFor()
  await checkAccessibility(checked, 'public-home')
  assertNoPageErrors(checked)
  await checked.context().close()
})
