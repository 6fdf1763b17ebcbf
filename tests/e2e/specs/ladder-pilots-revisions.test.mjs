// The console pages session 4 added (issue 7): 处理规则 (the sanction ladder, 第二十条), 试点社区
// (第九条), 修订与影响模拟 on the standards page (第十三条), and a district department's home page
// with its district on the map and its streets' coverage. Each page is clicked through, checked
// with axe and photographed.
//
// Its own data, so that the other specs are untouched: a copy of the trial standard under its own
// id (e2e-ladder-trial), a 2019 annual round on it with one self-assessment by 府右街南社区
// (110102001004, an account this test creates); the sanction ladder and the pilot mark it
// changes are put back as they were, and the test clock is put back to the present.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  openFromMenu,
  openPage,
  settle,
  signedInPage,
  signIn,
  url,
  useBrowser,
  waitForApi,
} from '../lib/harness.mjs'
import { confirm, Staff, TRIAL_CODES } from '../lib/fixtures.mjs'

const STANDARD = 'e2e-ladder-trial'
const STANDARD_NAME = '智慧社区指导标准（修订测试副本）'
const YEAR = 2019
const APPLICANT = { code: '110102001004', name: '府右街南社区居委会' }
const APPLICANT_USER = { username: 'fyjn_community', password: 'Fuyoujienan-Community-2019!' }
const PILOT = { code: '110105001024', name: '南郎家园社区居委会' }
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const staff = new Staff([APPLICANT_USER])
let policyBefore
let pilotBefore
async function putBack() {
  // Put back what this file changed, whatever happened in between.
  if (policyBefore) {
    await staff
      .call('city_social', 'PUT', '/api/v1/sanctions/policy', policyBefore)
      .catch(() => undefined)
  }
  if (pilotBefore !== undefined) {
    await staff
      .call('city_social', 'PUT', `/api/v1/communities/${PILOT.code}/pilot`, {
        pilot: pilotBefore,
      })
      .catch(() => undefined)
  }
  await staff.resetClock()
}
const shared = useBrowser({ cleanUp: putBack })

test('city_social reads the sanction ladder, sees a refused change in place, saves one', async () => {
  policyBefore = await staff.call('city_social', 'GET', '/api/v1/sanctions/policy')
  const page = await signedInPage(shared.browser, 'city_social')
  const loaded = waitForApi(page, 'GET', '/api/v1/sanctions/policy', { status: 200 })
  await openFromMenu(page, '处理规则')
  await loaded
  const ladder = page.getByTestId('ladder')
  await ladder.waitFor()
  assert.match(await ladder.innerText(), /通报批评[\s\S]*警告[\s\S]*限期整改[\s\S]*撤销称号/)
  await checkAccessibility(page, 'sanction-policy')

  // 5 days: the server refuses (7–365) and names the field; nothing changes.
  const days = page.locator('#rectification-days')
  await days.fill('5')
  await days.blur()
  await page.getByRole('button', { name: '保存处理规则' }).click()
  await confirm(page, '保存处理规则')
  const refusal = page.locator('.el-form-item__error', { hasText: '7 到 365' })
  await refusal.waitFor()
  await page.getByRole('alert').filter({ hasText: '默认整改期限应为 7 到 365 天' }).waitFor()
  await checkAccessibility(page, 'sanction-policy-refused')
  assert.deepEqual(await staff.call('city_social', 'GET', '/api/v1/sanctions/policy'), policyBefore)

  // 30 days and no criticism: confirmed, saved, and the ladder in force says so.
  await days.fill('30')
  await days.blur()
  await page.locator('.kinds .el-checkbox', { hasText: '通报批评' }).click()
  await page.getByText(/将要修改：停用“通报批评”；默认整改期限由 \d+ 天改为 30 天/).waitFor()
  await page.getByRole('button', { name: '保存处理规则' }).click()
  const saved = waitForApi(page, 'PUT', '/api/v1/sanctions/policy')
  await confirm(page, '保存处理规则')
  assert.equal((await saved).status(), 200)
  await ladder.getByText('默认整改期限：30 天').waitFor()
  const criticism = ladder.locator('li[data-kind="criticism"]')
  await criticism.getByText('未启用').waitFor()
  const now = await staff.call('city_social', 'GET', '/api/v1/sanctions/policy')
  assert.equal(now.rectification_days, 30)
  assert.ok(!now.enabled.includes('criticism'))
  await checkAccessibility(page, 'sanction-policy-saved')

  await staff.call('city_social', 'PUT', '/api/v1/sanctions/policy', policyBefore)
  assertNoPageErrors(page)
  await page.context().close()
})

test('city_social lists the pilot communities, finds one by name and toggles it with confirmation', async () => {
  pilotBefore = (await staff.call('city_social', 'GET', `/api/v1/communities/${PILOT.code}`)).pilot
  const page = await signedInPage(shared.browser, 'city_social')
  const listed = waitForApi(page, 'GET', '/api/v1/regions/search', { status: 200 })
  await openFromMenu(page, '试点社区')
  const first = await (await listed).json()
  assert.ok(first.total > 0, 'the demo has pilot communities')
  assert.ok(first.items.every((item) => item.pilot && item.level === 'community'))
  await page.getByRole('heading', { level: 2, name: `试点社区：共${first.total}个` }).waitFor()
  await checkAccessibility(page, 'pilots-list')

  // Any community by name: the pilot filter off.
  await page.getByLabel('按名称查找社区').fill('南郎家园')
  let search = waitForApi(page, 'GET', '/api/v1/regions/search', { status: 200 })
  await page.locator('.switch-field .el-switch').click()
  await search
  const row = page.locator('.el-table__body tr', { hasText: PILOT.name })
  await row.waitFor()
  const toggle = pilotBefore ? '取消试点' : '设为试点'
  const marked = waitForApi(page, 'PUT', `/api/v1/communities/${PILOT.code}/pilot`)
  await row.getByRole('button', { name: toggle }).click()
  await checkAccessibility(page, 'pilots-confirm')
  await confirm(page, toggle)
  assert.equal((await marked).status(), 200)
  const flipped = (await staff.call('city_social', 'GET', `/api/v1/communities/${PILOT.code}`))
    .pilot
  assert.equal(flipped, !pilotBefore)
  await row.getByRole('button', { name: flipped ? '取消试点' : '设为试点' }).waitFor()
  await checkAccessibility(page, 'pilots-search')

  // The pilot-only list with the name: there when it is a pilot, gone when not.
  search = waitForApi(page, 'GET', '/api/v1/regions/search', { status: 200 })
  await page.locator('.switch-field .el-switch').click()
  const filtered = await (await search).json()
  assert.equal(filtered.total, flipped ? 1 : 0)

  // Put it back from the community's own page.
  await page.goto(url(`/console/communities/${PILOT.code}`))
  await page.getByRole('heading', { level: 1, name: PILOT.name }).waitFor()
  const back = waitForApi(page, 'PUT', `/api/v1/communities/${PILOT.code}/pilot`)
  await page.getByRole('button', { name: flipped ? '取消试点' : '设为试点' }).click()
  await confirm(page, flipped ? '取消试点' : '设为试点')
  assert.equal((await back).status(), 200)
  assert.equal(
    (await staff.call('city_social', 'GET', `/api/v1/communities/${PILOT.code}`)).pilot,
    pilotBefore,
  )
  await checkAccessibility(page, 'pilots-community-page')
  assertNoPageErrors(page)
  await page.context().close()
})

test('a district department reads the pilots without changing them', async () => {
  const page = await signedInPage(shared.browser, 'dc_social')
  await openFromMenu(page, '试点社区')
  await page.getByText('只有市社会办可以设定或取消试点社区').waitFor()
  await settle(page)
  assert.equal(await page.getByRole('button', { name: /设为试点|取消试点/ }).count(), 0)
  assertNoPageErrors(page)
  await page.context().close()
})

/** The copy of the trial standard, a 2019 round on it, and one self-assessment at ★★★. */
async function assessedRound() {
  const trial = await staff.call('city_social', 'GET', '/api/v1/standards/bj-trial')
  const created = await staff.call(
    'city_social',
    'POST',
    '/api/v1/standards',
    { ...trial, id: STANDARD, name: STANDARD_NAME },
    201,
  )
  assert.equal(created.outcome, 'created')
  await staff.moveClockTo(`${YEAR}-10-01T10:00:00+08:00`)
  await staff.call(
    'admin',
    'POST',
    '/api/v1/users',
    {
      username: APPLICANT_USER.username,
      password: APPLICANT_USER.password,
      name: '府右街南社区工作人员（测试）',
      role: 'community',
      org_code: APPLICANT.code,
    },
    201,
  )
  const round = await staff.call(
    'city_social',
    'POST',
    '/api/v1/rounds',
    { year: YEAR, kind: 'annual', standard_id: STANDARD },
    201,
  )
  await staff.call('city_social', 'POST', `/api/v1/rounds/${round.id}/open`)
  const app = await staff.call(
    APPLICANT_USER.username,
    'POST',
    `/api/v1/rounds/${round.id}/applications`,
    { community_code: APPLICANT.code, target_star: 3 },
    201,
  )
  await staff.call(APPLICANT_USER.username, 'PUT', `/api/v1/applications/${app.id}/assessment`, {
    achieved: TRIAL_CODES,
    mechanism: true,
    mechanism_note: '已建立信息资源动态更新维护制度',
    effective: true,
    effectiveness_note: '居民使用率高',
  })
  await staff.moveClockTo(new Date().toISOString())
  return round
}

test('city_social simulates a revision, exports the changes and imports it as a new revision', async () => {
  const round = await assessedRound()
  const page = await signedInPage(shared.browser, 'city_social')
  await page.goto(url(`/console/standards/${STANDARD}`))
  await page.getByRole('heading', { level: 1, name: STANDARD_NAME }).waitFor()
  const loaded = waitForApi(page, 'GET', `/api/v1/standards/${STANDARD}/revisions`, { status: 200 })
  await page.getByRole('link', { name: '修订与影响模拟' }).click()
  await loaded
  await page.getByRole('heading', { level: 1, name: `修订与影响模拟：${STANDARD_NAME}` }).waitFor()
  const revisions = page.locator('.el-table__body tr')
  await revisions.filter({ hasText: '第 1 版' }).getByText('已冻结').waitFor()
  await checkAccessibility(page, 'revisions')

  // A file that is neither XLSX nor JSON is refused in the browser.
  await page.locator('#draft-file').setInputFiles({
    name: 'draft.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('a,b\n'),
  })
  await page.getByRole('alert').filter({ hasText: '不是 XLSX 或 JSON 文件' }).waitFor()

  // The workbook as downloaded: nothing changes, and it is this standard's.
  const workbook = Buffer.from(
    await (await fetch(url(`/api/v1/standards/${STANDARD}/workbook`))).arrayBuffer(),
  )
  await page
    .locator('#draft-file')
    .setInputFiles({ name: 'draft.xlsx', mimeType: XLSX, buffer: workbook })
  let simulated = waitForApi(page, 'POST', `/api/v1/standards/${STANDARD}/simulate`)
  await page.getByRole('button', { name: '模拟影响' }).click()
  let answer = await (await simulated).json()
  assert.equal(answer.draft_id, STANDARD)
  assert.equal(answer.round_id, round.id)
  assert.equal(answer.communities, 1)
  assert.equal(answer.changed, 0)
  const result = page.getByTestId('simulation')
  await result.getByText('1 个社区的自评测算：0 个社区').waitFor()

  // ★★★ asks 26 now: the community's 25 indicators fall to ★★.
  await page.locator('.el-radio-button', { hasText: '只调整星级门槛' }).click()
  const three = page.locator('#threshold-3')
  await three.fill('26')
  await three.blur()
  simulated = waitForApi(page, 'POST', `/api/v1/standards/${STANDARD}/simulate`)
  await page.getByRole('button', { name: '模拟影响' }).click()
  answer = await (await simulated).json()
  assert.equal(answer.changed, 1)
  assert.deepEqual(
    answer.changes.map((c) => [c.community_code, c.from, c.to]),
    [[APPLICANT.code, 3, 2]],
  )
  const change = result.locator('.el-table__body tr', { hasText: APPLICANT.name })
  await change.getByText('下降').waitFor()
  await result.locator('.el-table__body tr', { hasText: '西城区' }).first().waitFor()
  await checkAccessibility(page, 'revisions-simulated')

  const downloaded = page.waitForEvent('download')
  await page.getByRole('button', { name: '导出 CSV' }).click()
  const download = await downloaded
  assert.match(
    download.suggestedFilename(),
    new RegExp(`^${STANDARD}-simulation-\\d{8}-\\d{4}\\.csv$`),
  )
  const csv = (await import('node:fs')).readFileSync(await download.path(), 'utf8')
  assert.match(csv, /^\uFEFF社区代码,社区,区（县）,现可申报,草案下可申报,变化/)
  assert.ok(csv.includes(`${APPLICANT.code},${APPLICANT.name},西城区,3,2,下降,0`), csv)

  // Import: revision 1 is frozen by the round, so the draft becomes revision 2.
  const imported = waitForApi(page, 'POST', '/api/v1/standards')
  await page.getByRole('button', { name: '导入为修订' }).click()
  await checkAccessibility(page, 'revisions-import-confirm')
  await confirm(page, '导入为修订')
  const importAnswer = await imported
  assert.equal(importAnswer.status(), 201)
  assert.equal((await importAnswer.json()).outcome, 'new_revision')
  await page.locator('.el-table__body tr', { hasText: '第 2 版' }).getByText('最新').waitFor()
  const list = await staff.call('city_social', 'GET', `/api/v1/standards/${STANDARD}/revisions`)
  assert.deepEqual(
    list.items.map((r) => [r.revision, r.frozen]),
    [
      [2, false],
      [1, true],
    ],
  )
  const latest = await staff.call('city_social', 'GET', `/api/v1/standards/${STANDARD}`)
  assert.equal(latest.rules.levels.find((l) => l.star === 3).min, 26)
  await checkAccessibility(page, 'revisions-imported')
  assertNoPageErrors(page)
  await page.context().close()
})

test('a district department sees its district on the map and its streets by coverage', async () => {
  const page = await openPage(shared.browser)
  const coverage = waitForApi(page, 'GET', '/api/v1/stats/coverage', { status: 200 })
  const streets = waitForApi(page, 'GET', '/api/v1/regions/110101', { status: 200 })
  await signIn(page, 'dc_it')
  await coverage
  const region = await (await streets).json()
  await page.getByRole('heading', { level: 2, name: '本区认定概况：东城区' }).waitFor()
  await page.locator('.map-chart canvas').waitFor()
  await page.locator('.street-chart canvas').waitFor()
  await page.getByRole('button', { name: '查看各街道数据表' }).click()
  const rows = page.locator('.table-collapse .el-table__body tr')
  await rows.first().waitFor()
  assert.equal(await rows.count(), region.children.total)
  await checkAccessibility(page, 'home-district-map')
  // The city's dashboard is the city roles' only.
  assert.equal(await page.getByText('认定概况', { exact: true }).count(), 0)
  assertNoPageErrors(page)
  await page.context().close()
})
