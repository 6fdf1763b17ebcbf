// The audit log as audit_admin: records are there and the filters reach the server.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  openFromMenu,
  signedInPage,
  useBrowser,
  waitForApi,
} from '../lib/harness.mjs'

const shared = useBrowser()

test('auditor reads the audit log and filters it by user and action', async () => {
  const page = await signedInPage(shared.browser, 'auditor')
  const first = await openFromMenu(page, '审计日志', { api: ['GET', '/api/v1/audit'] })
  const body = await first.json()
  assert.ok(body.total > 0, 'init --demo and the sign-ins left records')
  const rows = page.locator('.el-table__body tr')
  await rows.first().waitFor()
  assert.equal(await rows.count(), Math.min(body.total, 50))
  // Newest first: the auditor's own sign-in heads the list (earlier specs wrote many more
  // records, so what init wrote is no longer on the first page).
  await rows.filter({ hasText: 'session.login' }).first().waitFor()
  await checkAccessibility(page, 'audit-auditor')

  await page.getByLabel('用户名', { exact: true }).fill('auditor')
  await page.getByLabel('操作', { exact: true }).fill('session.login')
  const filtered = waitForApi(page, 'GET', '/api/v1/audit', { status: 200 })
  await page.getByRole('button', { name: '查询' }).click()
  const response = await filtered
  const query = new URL(response.url()).searchParams
  assert.equal(query.get('username'), 'auditor')
  assert.equal(query.get('action'), 'session.login')
  const answer = await response.json()
  assert.ok(answer.total >= 1, 'the auditor’s own sign-in is recorded')
  await page.getByText(`共 ${answer.total} 条`).waitFor()
  for (const text of await rows.allInnerTexts()) {
    assert.match(text, /auditor[\s\S]*安全审计员[\s\S]*session\.login[\s\S]*成功/)
  }
  await checkAccessibility(page, 'audit-filtered')
  assertNoPageErrors(page)
  await page.context().close()
})
