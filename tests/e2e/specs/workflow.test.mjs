// One application's life through the console (第十–十四条, docs/workflow.md): 市社会办 creates and
// opens a round, the community fills in its self-assessment and submits, the street forwards,
// the three district departments approve and 区社会办 recommends it. Every page is screenshot
// and checked with axe. The server runs with --test-clock: the clock is set first (as admin,
// with a bearer token) to a day before the community deadline.
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

const TRIAL = '北京市智慧社区指导标准（试行）'
const COMMUNITY = '多福巷社区居委会'
/** 25 constraint indicators of bj-trial: with the mechanism, ★★★ (第十三条1). */
const CODES = [
  '1',
  '2',
  '4',
  '6',
  '7',
  '8',
  '10',
  '12',
  '13',
  '15',
  '16',
  '19',
  '20',
  '21',
  '22',
  '25',
  '27',
  '28',
  '29',
  '30',
  '31',
  '32',
  '34',
  '35',
  '37',
]
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

const shared = useBrowser()

async function token(username) {
  const answer = await fetch(url('/api/v1/session'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: passwordOf(username) }),
  })
  assert.equal(answer.status, 200, `sign-in of ${username}`)
  return (await answer.json()).token
}

async function confirm(page, button) {
  const box = page.locator('.el-message-box')
  await box.waitFor()
  await box.getByRole('button', { name: button, exact: true }).click()
}

async function clickCheckbox(page, name) {
  await page.locator('.el-checkbox', { has: page.getByRole('checkbox', { name }) }).click()
}

test('one application from a new round to the district recommendation', async () => {
  const clock = await fetch(url('/api/v1/system/clock'), {
    method: 'PUT',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${await token('admin')}`,
    },
    body: JSON.stringify({ now: '2026-10-01T10:00:00+08:00' }),
  })
  assert.equal(clock.status, 200, 'the e2e server runs with --test-clock')

  // ---- 市社会办: create and open the round ----
  let page = await signedInPage(shared.browser, 'city_social')
  await page
    .getByRole('link', { name: /认定批次/ })
    .first()
    .waitFor()
  await openFromMenu(page, '认定批次', { api: ['GET', '/api/v1/rounds'] })
  await checkAccessibility(page, 'workflow-rounds-empty')

  await page.getByRole('button', { name: '新建批次' }).click()
  const dialog = page.getByRole('dialog', { name: '新建批次' })
  await dialog.waitFor()
  await dialog.locator('.el-input-number input').fill('2026')
  await dialog.locator('.el-form-item', { hasText: '认定标准' }).locator('.el-select').click()
  await page.getByRole('option', { name: TRIAL }).click()
  await checkAccessibility(page, 'workflow-round-create')
  const created = waitForApi(page, 'POST', '/api/v1/rounds')
  await dialog.getByRole('button', { name: '创建' }).click()
  const createdAnswer = await created
  assert.equal(createdAnswer.status(), 201)
  const round = await createdAnswer.json()
  assert.equal(round.kind, 'pilot')
  assert.equal(round.standard_id, 'bj-trial')
  const row = page.locator('.el-table__body tr', { hasText: round.name })
  await row.getByText(/2026.10.31 23:59:59/).waitFor()

  const opened = waitForApi(page, 'POST', `/api/v1/rounds/${round.id}/open`)
  await row.getByRole('button', { name: '开启' }).click()
  await confirm(page, '开启')
  assert.equal((await opened).status(), 200)
  await row.getByText('进行中').waitFor()
  await checkAccessibility(page, 'workflow-rounds-open')
  assertNoPageErrors(page)
  await page.context().close()

  // ---- the community: create, self-assess, upload, submit ----
  page = await signedInPage(shared.browser, 'dc_community')
  await page.getByText('填报本社区的申报').waitFor()
  await openFromMenu(page, '认定批次')
  await page
    .locator('.el-table__body tr', { hasText: round.name })
    .getByRole('link', { name: '我的申报' })
    .click()
  await page.getByText('本社区尚未在本批次申报。').waitFor()
  await page.locator('.mine .el-select').click()
  await page.getByRole('option', { name: '3星' }).click()
  await checkAccessibility(page, 'workflow-community-round')
  const createdApp = waitForApi(page, 'POST', `/api/v1/rounds/${round.id}/applications`)
  await page.getByRole('button', { name: '创建申报' }).click()
  const application = await (await createdApp).json()
  assert.equal(application.state, 'draft')
  assert.equal(application.target_star, 3)
  await page.waitForURL((address) => address.pathname === `/console/applications/${application.id}`)
  await page.getByRole('heading', { level: 1, name: new RegExp(COMMUNITY) }).waitFor()
  await page.getByRole('checkbox', { name: /^达标：1 / }).waitFor({ state: 'attached' })

  for (const code of CODES) await clickCheckbox(page, new RegExp(`^达标：${code} `))
  await page.getByRole('textbox', { name: '长效机制说明' }).fill('已建立信息资源动态更新维护制度')
  await page
    .locator('.el-switch', { has: page.getByRole('switch', { name: '长效机制已建立' }) })
    .click()
  await page.getByRole('textbox', { name: '作用发挥说明' }).fill('居民使用率高')
  await page.locator('.eligible-star', { hasText: '★★★' }).waitFor()
  await page.locator('.saved', { hasText: '已保存' }).waitFor()
  const saved = await (
    await fetch(url(`/api/v1/applications/${application.id}`), {
      headers: { Authorization: `Bearer ${await token('dc_community')}` },
    })
  ).json()
  assert.equal(saved.eligible_star, 3)
  assert.equal(saved.assessment.achieved.length, 25)
  assert.equal(saved.assessment.mechanism, true)

  // Evidence for indicator 1: a PNG is stored; an HTML page is refused, in Chinese.
  await page.getByRole('button', { name: /上传\s*指标1的佐证材料/ }).waitFor()
  const upload = page.locator('.upload-1 input[type=file]')
  let posted = waitForApi(page, 'POST', `/api/v1/applications/${application.id}/evidence`)
  await upload.setInputFiles({ name: '门禁照片.png', mimeType: 'image/png', buffer: PNG })
  assert.equal((await posted).status(), 201)
  await page.getByRole('link', { name: '门禁照片.png' }).waitFor()
  posted = waitForApi(page, 'POST', `/api/v1/applications/${application.id}/evidence`)
  await upload.setInputFiles({
    name: 'page.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<html><script>alert(1)</script></html>'),
  })
  assert.ok((await posted).status() >= 400)
  await page
    .getByRole('alert')
    .filter({ hasText: /文件类型|不支持|不受支持/ })
    .first()
    .waitFor()
  // The rejection is said once, in its own words, never as a generic "unexpected error".
  assert.equal(await page.getByText('页面出现意外错误').count(), 0)
  await checkAccessibility(page, 'workflow-community-assessment')

  const submitted = waitForApi(page, 'POST', `/api/v1/applications/${application.id}/submit`)
  await page.getByRole('button', { name: '提交申报' }).click()
  await confirm(page, '提交申报')
  assert.equal((await submitted).status(), 200)
  await page.locator('.state', { hasText: '已提交' }).waitFor()
  await page.locator('.el-timeline-item', { hasText: '提交' }).first().waitFor()
  await checkAccessibility(page, 'workflow-community-submitted')
  assertNoPageErrors(page)
  await page.context().close()

  // ---- the street forwards, from its 待办 ----
  page = await signedInPage(shared.browser, 'dc_street')
  await page.goto(url(`/console/rounds/${round.id}`))
  await page.getByRole('link', { name: `办理 ${COMMUNITY}` }).waitFor()
  await checkAccessibility(page, 'workflow-street-todo')
  await page.getByRole('link', { name: `办理 ${COMMUNITY}` }).click()
  await page.getByRole('button', { name: '转报' }).waitFor()
  await page.getByRole('textbox', { name: '意见' }).fill('材料齐全，同意转报')
  await checkAccessibility(page, 'workflow-street-detail')
  const forwarded = waitForApi(page, 'POST', `/api/v1/applications/${application.id}/street-review`)
  await page.getByRole('button', { name: '转报' }).click()
  await confirm(page, '确定')
  assert.equal((await forwarded).status(), 200)
  await page.locator('.state', { hasText: '街道已转报' }).waitFor()
  assertNoPageErrors(page)
  await page.context().close()

  // ---- the three district departments approve ----
  for (const [username, opinion] of [
    ['dc_social', '同意'],
    ['dc_it', '信息化建设达标'],
    ['dc_civil', '同意'],
  ]) {
    page = await signedInPage(shared.browser, username)
    await page.goto(url(`/console/applications/${application.id}`))
    await page.getByRole('button', { name: '同意', exact: true }).waitFor()
    await page.getByRole('textbox', { name: '意见' }).fill(opinion)
    const reviewed = waitForApi(
      page,
      'POST',
      `/api/v1/applications/${application.id}/district-review`,
    )
    await page.getByRole('button', { name: '同意', exact: true }).click()
    await confirm(page, '确定')
    assert.equal((await reviewed).status(), 200)
    await page.locator('.opinion', { hasText: opinion }).first().waitFor()
    await checkAccessibility(page, `workflow-district-${username}`)
    assertNoPageErrors(page)
    await page.context().close()
  }

  // ---- 区社会办 recommends, rank 1 ----
  page = await signedInPage(shared.browser, 'dc_social')
  await page.goto(url(`/console/applications/${application.id}`))
  await page.getByRole('button', { name: '推荐', exact: true }).waitFor()
  await page.locator('.opinion').nth(2).getByText('同意').first().waitFor()
  await page.getByRole('textbox', { name: '意见' }).fill('优中选优，推荐')
  const recommended = waitForApi(page, 'POST', `/api/v1/applications/${application.id}/recommend`)
  await page.getByRole('button', { name: '推荐', exact: true }).click()
  await confirm(page, '确定')
  const answer = await recommended
  assert.equal(answer.status(), 200)
  const final = await answer.json()
  assert.equal(final.state, 'recommended')
  assert.equal(final.recommendation_rank, 1)
  await page.locator('.state', { hasText: '已推荐' }).waitFor()
  await checkAccessibility(page, 'workflow-recommended')
  assertNoPageErrors(page)
  await page.context().close()
})
