// The security administrator (三员分立): the two-factor policy, and lifting sign-in locks.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  openFromMenu,
  passwordOf,
  signedInPage,
  url,
  useBrowser,
  waitForApi,
} from '../lib/harness.mjs'

const shared = useBrowser()

const BANNER = '当前未启用双因素认证（演示模式）'

/** Puts the demo's policy (two-factor off) back through the page's own session. */
async function restoreMfaOff(page) {
  const me = await page.request.get(url('/api/v1/me'))
  if (me.status() !== 200) return
  const { csrf_token: csrf } = await me.json()
  await page.request.put(url('/api/v1/security/policy'), {
    headers: { 'X-CSRF-Token': csrf },
    data: { mfa_required: false },
  })
}

test('security switches two-factor sign-in on and off again, and every page follows', async () => {
  const page = await signedInPage(shared.browser, 'security')
  try {
    const policy = await openFromMenu(page, '安全策略', { api: ['GET', '/api/v1/security/policy'] })
    assert.deepEqual(await policy.json(), { mfa_required: false })
    await page.getByText('未启用：仅凭用户名和密码即可登录').waitFor()
    await page.getByText(BANNER).waitFor()
    await checkAccessibility(page, 'security-policy-off')

    const mfaSwitch = page.getByRole('switch', { name: '要求工作人员与管理员使用双因素认证' })
    // Element Plus hides the real checkbox under the drawn switch, which is what a person clicks.
    await page.locator('.el-switch', { has: mfaSwitch }).click()
    let box = page.getByRole('dialog', { name: '双因素认证（TOTP）' })
    await box.getByText('确定要求所有工作人员与管理员使用双因素认证吗？').waitFor()
    let saved = waitForApi(page, 'PUT', '/api/v1/security/policy')
    await box.getByRole('button', { name: '确定' }).click()
    assert.equal((await saved).status(), 200)
    await page.getByText('已启用：登录时须输入身份验证器应用显示的6位动态验证码。').waitFor()
    await page.getByText(BANNER).waitFor({ state: 'detached' })
    assert.equal(await mfaSwitch.isChecked(), true)
    await checkAccessibility(page, 'security-policy-on')

    await page.locator('.el-switch', { has: mfaSwitch }).click()
    box = page.getByRole('dialog', { name: '双因素认证（TOTP）' })
    await box.getByText('确定关闭双因素认证吗？').waitFor()
    saved = waitForApi(page, 'PUT', '/api/v1/security/policy')
    await box.getByRole('button', { name: '确定' }).click()
    assert.equal((await saved).status(), 200)
    await page.getByText(BANNER).waitFor()
    assert.equal(await mfaSwitch.isChecked(), false)
  } finally {
    // Later tests sign in with passwords only: never leave the policy switched on.
    await restoreMfaOff(page)
  }
  assertNoPageErrors(page)
  await page.context().close()
})

test('security unlocks an account that failed sign-ins locked', async () => {
  const signInAs = (password) =>
    fetch(url('/api/v1/session'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'hd_community', password }),
    })
  // Five wrong passwords lock the account: then even the right one is refused with 423.
  for (let attempt = 1; attempt <= 5; attempt++) {
    const answer = await signInAs(`wrong-password-${attempt}`)
    assert.ok([401, 423].includes(answer.status), `attempt ${attempt}: ${answer.status}`)
  }
  assert.equal((await signInAs(passwordOf('hd_community'))).status, 423)

  const page = await signedInPage(shared.browser, 'security')
  await openFromMenu(page, '用户管理', { api: ['GET', '/api/v1/users'] })
  // The security administrator reads accounts but neither creates, disables nor resets them.
  await page.getByText('账户状态一览；登录失败被锁定的账户可在此解除锁定').waitFor()
  assert.equal(await page.getByRole('button', { name: '新建用户' }).count(), 0)
  assert.equal(await page.getByRole('button', { name: /^停用用户/ }).count(), 0)
  const row = page.locator('.el-table__body tr').filter({ hasText: 'hd_community' })
  await row.getByText(/^已锁定至/).waitFor()
  await checkAccessibility(page, 'users-security-locked')

  const unlocked = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      /\/api\/v1\/users\/\d+\/unlock$/.test(new URL(response.url()).pathname),
  )
  await page.getByRole('button', { name: '解锁：hd_community' }).click()
  assert.equal((await unlocked).status(), 200)
  await row.getByText('正常').waitFor()
  assert.equal((await signInAs(passwordOf('hd_community'))).status, 200)
  assertNoPageErrors(page)
  await page.context().close()
})
