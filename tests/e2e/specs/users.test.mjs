// User administration as sys_admin: create (field errors first), then disable with confirmation.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  openFromMenu,
  settle,
  signedInPage,
  useBrowser,
  waitForApi,
} from '../lib/harness.mjs'

const shared = useBrowser()

const NEW_USER = 'e2e.community01'
const GOOD_PASSWORD = 'Duofu-Lane.2026'

/** The error Element Plus shows under the form item of the control `inputId`. */
function fieldError(dialog, inputId) {
  return dialog.locator(`.el-form-item:has(#${inputId}) .el-form-item__error`)
}

test('admin creates a user (weak password and a bad name refused first) and disables it', async () => {
  const page = await signedInPage(shared.browser, 'admin')
  await openFromMenu(page, '用户管理', { api: ['GET', '/api/v1/users'] })
  await page.locator('.el-table__body tr').filter({ hasText: 'dc_community' }).waitFor()
  await checkAccessibility(page, 'users-admin')

  await page.getByRole('button', { name: '新建用户' }).click()
  const dialog = page.getByRole('dialog', { name: '新建用户' })
  await dialog.waitFor()
  await dialog.getByLabel('用户名').fill('ab')
  await dialog.getByLabel('姓名').fill('端到端测试社区工作人员')
  // Element Plus draws its select over the input; a person clicks the drawn box.
  await dialog.locator('.el-select:has(#new-role)').click()
  await page.getByRole('option', { name: '社区工作人员' }).click()
  await dialog.getByLabel('所属区划代码').fill('110101001001')
  await dialog.getByLabel('初始密码').fill('abc123')
  await dialog.getByRole('button', { name: '新建用户' }).click()
  // The weak password is refused under its field before anything is sent.
  await fieldError(dialog, 'new-password').filter({ hasText: '密码不符合规则' }).waitFor()
  await checkAccessibility(page, 'users-create-weak-password')

  // A good password, but a username the server refuses: its message lands under the field.
  await dialog.getByLabel('初始密码').fill(GOOD_PASSWORD)
  let answer = waitForApi(page, 'POST', '/api/v1/users')
  await dialog.getByRole('button', { name: '新建用户' }).click()
  assert.equal((await answer).status(), 400)
  await fieldError(dialog, 'new-username').filter({ hasText: '用户名须为3到32位' }).waitFor()
  // …and the password's error has gone (it fades out).
  await fieldError(dialog, 'new-password').waitFor({ state: 'detached' })

  await dialog.getByLabel('用户名').fill(NEW_USER)
  answer = waitForApi(page, 'POST', '/api/v1/users')
  const reload = waitForApi(page, 'GET', '/api/v1/users', { status: 200 })
  await dialog.getByRole('button', { name: '新建用户' }).click()
  assert.equal((await answer).status(), 201)
  await reload
  // The second-factor secret is answered once: the console shows it until closed.
  const created = page.getByRole('dialog', { name: '用户已创建' })
  await created.getByText(`已创建用户 ${NEW_USER}`).waitFor()
  assert.match(
    await created.getByTestId('totp-secret').innerText(),
    /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/,
  )
  await checkAccessibility(page, 'users-created-secret')
  await created.getByRole('button', { name: '我已记下' }).click()
  await created.waitFor({ state: 'hidden' })

  const row = page.locator('.el-table__body tr').filter({ hasText: NEW_USER })
  await row.waitFor()
  assert.match(
    await row.innerText(),
    /端到端测试社区工作人员[\s\S]*社区工作人员[\s\S]*多福巷社区居委会[\s\S]*正常/,
  )

  // Disable, after confirming.
  await page.getByRole('button', { name: `停用用户 ${NEW_USER}` }).click()
  const confirm = page.getByRole('dialog', { name: '停用' })
  await confirm.getByText(`确定停用用户“端到端测试社区工作人员”（${NEW_USER}）吗？`).waitFor()
  await checkAccessibility(page, 'users-disable-confirm')
  const disabled = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      /\/api\/v1\/users\/\d+\/disable$/.test(new URL(response.url()).pathname),
  )
  await confirm.getByRole('button', { name: '确定' }).click()
  assert.equal((await disabled).status(), 200)
  await page.getByRole('button', { name: `启用用户 ${NEW_USER}` }).waitFor()
  await row.getByText('已停用').waitFor()
  await settle(page)
  await checkAccessibility(page, 'users-disabled')
  assertNoPageErrors(page)
  await page.context().close()
})
