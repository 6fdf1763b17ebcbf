// 我的账户: a community worker sets the reminder e-mail of its own account, sees it after a
// reload, and clears it again with confirmation.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  signedInPage,
  useBrowser,
  waitForApi,
} from '../lib/harness.mjs'
import { confirm } from '../lib/fixtures.mjs'

const shared = useBrowser()
const ADDRESS = 'duofuxiang.worker@example.cn'

/** The account page's current address and the field's value, once the page has loaded /me. */
async function shownAddress(page) {
  await page.getByRole('heading', { level: 1, name: '我的账户' }).waitFor()
  const current = page.locator('[data-test="account-current-email"]')
  await current.waitFor()
  return { current: (await current.innerText()).trim(), field: await emailField(page).inputValue() }
}

function emailField(page) {
  return page.getByLabel('电子邮箱', { exact: true })
}

test('dc_community sets its own e-mail, sees it after a reload and clears it', async () => {
  const page = await signedInPage(shared.browser, 'dc_community')
  const me = waitForApi(page, 'GET', '/api/v1/me', { status: 200 })
  await page.getByRole('banner').getByRole('button', { name: '我的账户' }).click()
  const { user } = await (await me).json()
  assert.equal(user.email, '', 'the demo accounts have no e-mail')
  const profile = await page.locator('[data-test="account-profile"]').innerText()
  for (const text of ['dc_community', '社区工作人员', '多福巷社区居委会', '110101001001']) {
    assert.ok(profile.includes(text), `the profile shows '${text}'`)
  }
  assert.deepEqual(await shownAddress(page), { current: '未设置', field: '' })
  await checkAccessibility(page, 'account-dc_community')

  // A malformed address never reaches the server.
  let puts = 0
  page.on('request', (request) => {
    if (request.method() === 'PUT' && request.url().endsWith('/email')) puts += 1
  })
  await emailField(page).fill('duofuxiang at example')
  await page.getByRole('button', { name: '保存', exact: true }).click()
  await page.getByText('电子邮箱格式不正确').waitFor()
  assert.equal(puts, 0)
  await checkAccessibility(page, 'account-email-invalid')

  await emailField(page).fill(ADDRESS)
  let saved = waitForApi(page, 'PUT', `/api/v1/users/${user.id}/email`)
  await emailField(page).press('Enter')
  assert.equal((await saved).status(), 200)
  await page.getByText('电子邮箱已保存').waitFor()

  await page.reload()
  assert.deepEqual(await shownAddress(page), { current: ADDRESS, field: ADDRESS })
  await checkAccessibility(page, 'account-email-set')

  await page.getByRole('button', { name: '清除邮箱' }).click()
  await page.locator('.el-message-box').getByText(`清除邮箱 ${ADDRESS} 后`).waitFor()
  await checkAccessibility(page, 'account-clear-confirm')
  saved = waitForApi(page, 'PUT', `/api/v1/users/${user.id}/email`)
  await confirm(page, '清除邮箱')
  assert.equal((await saved).status(), 200)
  await page.getByText('电子邮箱已清除').waitFor()

  await page.reload()
  assert.deepEqual(await shownAddress(page), { current: '未设置', field: '' })
  assert.equal(
    await page.getByRole('button', { name: '清除邮箱' }).isDisabled(),
    true,
    'nothing left to clear',
  )
  assertNoPageErrors(page)
  await page.context().close()
})
