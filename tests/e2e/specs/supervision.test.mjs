// Annual reports in the console (第十八条): a certified community files its report with an
// attachment; 市社会办 sets the year's deadline, returns the report with a reason (a return without
// one is refused in the browser), the community sees the reason and files again, the city accepts;
// after the deadline the overdue list shows the community that never filed. axe runs on every
// page and each is photographed.
//
// The certifications come from the API (the console's naming steps are naming.test.mjs's): 南池子
// 社区 (110101001007, files) and 正义路社区 (110101001010, never files) of 东华门街道, with
// accounts this test creates, in a 2024 pilot round, so that the 2026 round of workflow.test.mjs
// and the 2027 round of naming.test.mjs are untouched. The server runs with --test-clock; the
// clock is put back to the present at the end.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  openFromMenu,
  settle,
  signedInPage,
  url,
  useBrowser,
  waitForApi,
} from '../lib/harness.mjs'
import { certifiedCommunities, confirm, PDF, Staff } from '../lib/fixtures.mjs'

const YEAR = 2024
const FILER = {
  code: '110101001007',
  account: { username: 'ncz_community', password: 'Nanchizi-Community-2024!' },
  staffName: '南池子社区工作人员（测试）',
}
const SILENT = {
  code: '110101001010',
  account: { username: 'zyl_community', password: 'Zhengyilu-Community-2024!' },
  staffName: '正义路社区工作人员（测试）',
}
const staff = new Staff()

const shared = useBrowser({ cleanUp: () => staff.resetClock() })

/** A page of the console opened on a report year (?year=). */
async function openYear(page, path, year) {
  await page.goto(url(`/console/${path}?year=${year}`))
  await settle(page)
}

async function openCityList(city) {
  const listed = waitForApi(city, 'GET', `/api/v1/annual-reports/${YEAR}`)
  await openYear(city, 'annual-reports', YEAR)
  assert.equal((await listed).status(), 200)
}

async function openMyReport(community) {
  const mine = waitForApi(community, 'GET', `/api/v1/annual-reports/${YEAR}/mine`)
  await openYear(community, 'annual-report', YEAR)
  assert.equal((await mine).status(), 200)
}

// The steps are tests of their own (each within run.sh's 120 s); they share the two pages.
let city
let community
const reason = '请补充智慧养老服务的使用人次和资金来源'
const filerRow = () => city.locator('.el-table__body tr', { hasText: '南池子' })
const reviewDialog = () => city.getByRole('dialog', { name: /南池子社区.*的年度报告/ })

test('set-up: 南池子 and 正义路 certified in a 2024 pilot round', async () => {
  await certifiedCommunities(staff, [FILER, SILENT], YEAR)
  await staff.moveClockTo(`${YEAR}-12-20T10:00:00+08:00`)
})

test('the city sets the deadline, the community files, the city returns it with a reason', async () => {
  // ---- the city opens the year: the deadline ----
  city = await signedInPage(shared.browser, 'city_social')
  await openCityList(city)
  await city.getByRole('heading', { level: 1, name: '年度报告审核' }).waitFor()
  await city.locator('#deadline-date').fill(`${YEAR + 1}-01-31`)
  await city.locator('#deadline-date').press('Enter')
  await city.getByRole('heading', { level: 1, name: '年度报告审核' }).click()
  await settle(city)
  const deadline = waitForApi(city, 'PUT', `/api/v1/annual-reports/${YEAR}/deadline`)
  await city.getByRole('button', { name: '保存截止日期' }).click()
  assert.equal((await deadline).status(), 200)
  await city.locator('.el-table__body tr', { hasText: '南池子' }).getByText('未填报').waitFor()
  await city.locator('.el-table__body tr', { hasText: '正义路' }).getByText('未填报').waitFor()
  await checkAccessibility(city, 'supervision-reports-city')

  // ---- the community files ----
  community = await signedInPage(shared.browser, FILER.account.username, FILER.account.password)
  await openMyReport(community)
  await community.getByRole('heading', { level: 1, name: '年度报告' }).waitFor()
  await community.getByText('请先保存年度报告，再上传附件。').waitFor()
  await checkAccessibility(community, 'supervision-my-report-empty')
  await community.locator('#report-summary').fill('本年度社区服务平台稳定运行，新增智慧养老服务。')
  await community.locator('#report-plan').fill('下年度推进线上服务与区级平台对接。')
  await community.locator('#report-residents').fill('12000')
  const saved = waitForApi(community, 'PUT', `/api/v1/annual-reports/${YEAR}/mine`)
  await community.getByRole('button', { name: '保存草稿' }).click()
  assert.equal((await saved).status(), 200)
  const uploaded = waitForApi(community, 'POST', `/api/v1/annual-reports/${YEAR}/mine/attachments`)
  await community.locator('.el-upload input[type=file]').setInputFiles({
    name: '工作台账.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  })
  assert.equal((await uploaded).status(), 201)
  await community.getByRole('link', { name: '工作台账.pdf' }).waitFor()
  await checkAccessibility(community, 'supervision-my-report-draft')
  let submitted = waitForApi(community, 'POST', `/api/v1/annual-reports/${YEAR}/mine/submit`)
  await community.getByRole('button', { name: '报送', exact: true }).click()
  await confirm(community, '报送')
  assert.equal((await submitted).status(), 200)
  await community.getByText('年度报告已报送，等待或已经完成审核，不能修改。').waitFor()
  await checkAccessibility(community, 'supervision-my-report-submitted')

  // ---- the city returns it: a return needs a reason ----
  await openCityList(city)
  const row = filerRow()
  await row.getByText('已报送').waitFor()
  await row.getByRole('button', { name: '审核' }).click()
  const dialog = reviewDialog()
  await dialog.getByText('新增智慧养老服务').waitFor()
  await dialog.getByRole('button', { name: '退回', exact: true }).click()
  await dialog.getByText('退回时请写明修改意见').waitFor()
  await checkAccessibility(city, 'supervision-review-dialog')
  await dialog.locator('#review-opinion').fill(reason)
  const returned = waitForApi(city, 'POST', `/api/v1/reports/${await reportId()}/review`)
  await dialog.getByRole('button', { name: '退回', exact: true }).click()
  await confirm(city, '退回')
  assert.equal((await returned).status(), 200)
  await dialog.waitFor({ state: 'hidden' })
  await row.getByText('已退回').waitFor()
  await row.getByText(reason).waitFor()
  await checkAccessibility(city, 'supervision-reports-returned')
})

test('the community reads the reason and files again; the city accepts', async () => {
  const row = filerRow()
  const dialog = reviewDialog()
  // ---- the community reads the reason and files again ----
  await openMyReport(community)
  const alert = community.getByRole('alert').filter({ hasText: '市社会办已退回' })
  await alert.getByText(reason).waitFor()
  await checkAccessibility(community, 'supervision-my-report-returned')
  await community
    .locator('#report-summary')
    .fill(
      '本年度社区服务平台稳定运行，新增智慧养老服务，全年服务老年居民 3600 人次，资金来自区级专项。',
    )
  const refiled = waitForApi(community, 'POST', `/api/v1/annual-reports/${YEAR}/mine/submit`)
  await community.getByRole('button', { name: '报送', exact: true }).click()
  await confirm(community, '报送')
  assert.equal((await refiled).status(), 200)
  await community.getByText('年度报告已报送，等待或已经完成审核，不能修改。').waitFor()

  // The community's rectification page: none under rectification.
  await openFromMenu(community, '限期整改')
  await community.getByText('当前没有处于限期整改中的星级智慧社区。').waitFor()
  await checkAccessibility(community, 'supervision-rectifications-community')

  // ---- the city accepts, with confirmation ----
  await openCityList(city)
  await row.getByText('已报送').waitFor()
  await row.getByRole('button', { name: '审核' }).click()
  await dialog.getByText('资金来自区级专项').waitFor()
  await dialog.locator('#review-opinion').fill('材料齐全，同意')
  await dialog.getByRole('button', { name: '通过', exact: true }).click()
  await confirm(city, '通过')
  await dialog.waitFor({ state: 'hidden' })
  await row.getByText('已通过').waitFor()
  assertNoPageErrors(city)
  await city.context().close()

  await openMyReport(community)
  await community.getByText('市社会办已审核通过').waitFor()
  assertNoPageErrors(community)
  await community.context().close()
})

test('after the deadline the overdue list shows 正义路 and not 南池子', async () => {
  // ---- after the deadline: 正义路 never filed and is overdue; 南池子 is not ----
  await staff.moveClockTo(`${YEAR + 1}-02-05T10:00:00+08:00`)
  const late = await signedInPage(shared.browser, 'city_social')
  await openCityList(late)
  // The count of 逾期未报 filters the list (other specs' communities may be overdue too).
  const counts = late.getByRole('region', { name: '报送情况' })
  await counts.locator('.el-descriptions .el-button').click()
  await settle(late)
  const overdue = late.locator('.el-table__body tr')
  await overdue.filter({ hasText: '正义路' }).getByText('逾期未报').waitFor()
  assert.equal(await overdue.filter({ hasText: '南池子' }).count(), 0, '南池子 filed in time')
  await checkAccessibility(late, 'supervision-reports-overdue')
  assertNoPageErrors(late)
  await late.context().close()
})

/** The id of 南池子's report, as the city's list gives it. */
async function reportId() {
  const list = await staff.call('city_social', 'GET', `/api/v1/annual-reports/${YEAR}`)
  const row = list.items.find((item) => item.community_code === FILER.code)
  assert.ok(row?.report, 'the report is listed')
  return row.report.id
}
