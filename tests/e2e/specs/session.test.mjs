// Signing in and out: the errors a person reads, and where logout leads.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  openPage,
  passwordOf,
  signedInPage,
  url,
  useBrowser,
  waitForApi,
} from '../lib/harness.mjs'

const shared = useBrowser()

test('sign-in asks for missing fields and shows the Chinese error for a wrong password', async () => {
  const page = await openPage(shared.browser)
  await page.goto(url('/console/'))
  // Not signed in: the console sends the visitor to the sign-in page.
  await page.waitForURL((address) => address.pathname === '/console/login')
  await page.getByRole('heading', { level: 1, name: '工作人员登录' }).waitFor()
  await checkAccessibility(page, 'login')

  const submit = page.getByRole('button', { name: '登录', exact: true })
  await submit.click()
  await page.getByText('请输入用户名').waitFor()
  await page.getByText('请输入密码').waitFor()

  await page.locator('#login-username').fill('admin')
  await page.locator('#login-password').fill(`${passwordOf('admin')}-wrong`)
  const answer = waitForApi(page, 'POST', '/api/v1/session')
  await submit.click()
  assert.equal((await answer).status(), 401)
  const alert = page.getByRole('alert').filter({ hasText: '用户名或密码错误' })
  await alert.waitFor()
  assert.equal(new URL(page.url()).pathname, '/console/login')
  await checkAccessibility(page, 'login-failed')
  assertNoPageErrors(page)
  await page.context().close()
})

test('logout asks for confirmation, ends the session and returns to sign-in', async () => {
  const page = await signedInPage(shared.browser, 'city_civil')
  await page.getByRole('button', { name: '退出登录' }).click()
  const box = page.getByRole('dialog', { name: '退出登录' })
  await box.getByText('确定要退出登录吗？').waitFor()
  await checkAccessibility(page, 'logout-confirm')
  const answer = waitForApi(page, 'DELETE', '/api/v1/session')
  await box.getByRole('button', { name: '退出登录' }).click()
  assert.equal((await answer).status(), 204)
  await page.waitForURL((address) => address.pathname === '/console/login')
  await page.getByRole('heading', { level: 1, name: '工作人员登录' }).waitFor()

  // The session is gone on the server too: a deep link leads back to sign-in, remembered.
  await page.goto(url('/console/regions'))
  await page.waitForURL(
    (address) =>
      address.pathname === '/console/login' && address.searchParams.get('redirect') === '/regions',
  )
  const me = await page.request.get(url('/api/v1/me'))
  assert.equal(me.status(), 401)
  assertNoPageErrors(page)
  await page.context().close()
})
