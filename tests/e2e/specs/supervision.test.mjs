// After naming in the console (第十八条): a certified community files its annual report with
// an attachment, 市社会办 first sets the year's deadline and then accepts the report; axe runs on
// every new page (年度报告, 年度报告审核, 限期整改, 年度抽查) and each is photographed.
//
// The certification comes from the API (the console's naming steps are naming.test.mjs's): 南池子
// 社区 of 东华门街道 (110101001007), with an account this test creates, in a 2024 pilot round, so
// that the 2026 round of workflow.test.mjs and the 2027 round of naming.test.mjs are untouched.
// The server runs with --test-clock; the clock is put back to the present at the end.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  launchBrowser,
  openPage,
  passwordOf,
  settle,
  signIn,
  url,
  waitForApi,
} from '../lib/harness.mjs'

const COMMUNITY_CODE = '110101001007'
const COMMUNITY_USER = { username: 'ncz_community', password: 'Nanchizi-Community-2024!' }
const YEAR = 2024
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
/** The smallest PDF the evidence store accepts (judged by content). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
)

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await setClock(new Date().toISOString()).catch(() => undefined)
  await browser?.close()
})

const tokens = new Map()
async function token(username) {
  if (tokens.has(username)) return tokens.get(username)
  const password =
    username === COMMUNITY_USER.username ? COMMUNITY_USER.password : passwordOf(username)
  const answer = await fetch(url('/api/v1/session'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  assert.equal(answer.status, 200, `sign-in of ${username}`)
  const value = (await answer.json()).token
  tokens.set(username, value)
  return value
}

/** One API call as `username` (bearer token); asserts the status and returns the JSON body. */
async function api(username, method, path, body, expected = 200) {
  const answer = await fetch(url(path), {
    method,
    headers: {
      Authorization: `Bearer ${await token(username)}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await answer.text()
  assert.equal(answer.status, expected, `${username} ${method} ${path}: ${text}`)
  return text ? JSON.parse(text) : undefined
}

/** Sessions end 12 hours after sign-in by the server's clock: sign in afresh after a move. */
async function setClock(now) {
  tokens.clear()
  await api('admin', 'PUT', '/api/v1/system/clock', { now })
  tokens.clear()
}

async function sha256(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** 南池子社区 certified at ★★★ in a 2024 pilot round, all through the API. */
async function certifiedCommunity() {
  await setClock(`${YEAR}-10-01T10:00:00+08:00`)
  await api(
    'admin',
    'POST',
    '/api/v1/users',
    {
      username: COMMUNITY_USER.username,
      password: COMMUNITY_USER.password,
      name: '南池子社区工作人员（测试）',
      role: 'community',
      org_code: COMMUNITY_CODE,
    },
    201,
  )
  await api('city_social', 'PUT', `/api/v1/communities/${COMMUNITY_CODE}/pilot`, { pilot: true })
  const round = await api(
    'city_social',
    'POST',
    '/api/v1/rounds',
    { year: YEAR, kind: 'pilot', standard_id: 'bj-trial' },
    201,
  )
  await api('city_social', 'POST', `/api/v1/rounds/${round.id}/open`)
  const user = COMMUNITY_USER.username
  const app = await api(
    user,
    'POST',
    `/api/v1/rounds/${round.id}/applications`,
    { community_code: COMMUNITY_CODE, target_star: 3 },
    201,
  )
  await api(user, 'PUT', `/api/v1/applications/${app.id}/assessment`, {
    achieved: CODES,
    mechanism: true,
    mechanism_note: '已建立信息资源动态更新维护制度',
    effective: true,
    effectiveness_note: '居民使用率高',
  })
  await api(user, 'POST', `/api/v1/applications/${app.id}/submit`)
  await api('dc_street', 'POST', `/api/v1/applications/${app.id}/street-review`, {
    decision: 'forward',
    opinion: '同意转报',
  })
  for (const reviewer of ['dc_social', 'dc_it', 'dc_civil']) {
    await api(reviewer, 'POST', `/api/v1/applications/${app.id}/district-review`, {
      decision: 'approve',
      opinion: '同意',
    })
  }
  await api('dc_social', 'POST', `/api/v1/applications/${app.id}/recommend`, { rank: 1 })
  await setClock(`${YEAR}-11-16T09:00:00+08:00`)
  await api('city_social', 'POST', `/api/v1/applications/${app.id}/evaluators`, {
    username: 'expert_hd',
  })
  await api('expert_hd', 'POST', `/api/v1/applications/${app.id}/evaluation`, {
    checks: CODES.map((code) => ({ code, verified: true, reason: '' })),
    effective: true,
    opinion: '全部核实',
  })
  await api('city_social', 'POST', `/api/v1/applications/${app.id}/decision`, {
    star: 3,
    opinion: '拟认定为三星级',
  })
  await api('city_social', 'POST', `/api/v1/rounds/${round.id}/notice`)
  const seed = `supervision-e2e-${YEAR}`
  await api(
    'city_social',
    'POST',
    `/api/v1/rounds/${round.id}/spot-checks/commitment`,
    { seed_sha256: await sha256(seed) },
    201,
  )
  const draw = await api(
    'city_social',
    'POST',
    `/api/v1/rounds/${round.id}/spot-checks`,
    { seed, per_district: 1 },
    201,
  )
  for (const check of draw.items) {
    await api('city_social', 'POST', `/api/v1/spot-checks/${check.id}/result`, {
      passed: true,
      findings: '与申报一致',
    })
  }
  await setClock(`${YEAR}-11-23T10:00:00+08:00`)
  await api('city_social', 'POST', `/api/v1/rounds/${round.id}/finalize`)
}

async function confirm(page, button) {
  const box = page.locator('.el-message-box')
  await box.waitFor()
  await box.getByRole('button', { name: button, exact: true }).click()
  await box.waitFor({ state: 'hidden' })
}

/** A page of the console opened on a report year (?year=). */
async function openYear(page, path, year) {
  await page.goto(url(`/console/${path}?year=${year}`))
  await settle(page)
}

async function signInCommunity(page) {
  await page.goto(url('/console/login'))
  await page.locator('#login-username').fill(COMMUNITY_USER.username)
  await page.locator('#login-password').fill(COMMUNITY_USER.password)
  const answer = waitForApi(page, 'POST', '/api/v1/session')
  await page.getByRole('button', { name: '登录', exact: true }).click()
  assert.equal((await answer).status(), 200)
  await page.getByRole('heading', { level: 1, name: /^您好/ }).waitFor()
}

test('a community files its annual report and 市社会办 accepts it', async () => {
  await certifiedCommunity()
  await setClock(`${YEAR}-12-20T10:00:00+08:00`)

  // ---- the city opens the year: the deadline ----
  const city = await openPage(browser)
  await signIn(city, 'city_social')
  await city.getByRole('menuitem', { name: '年度报告审核' }).click()
  await city.getByRole('heading', { level: 1, name: '年度报告审核' }).waitFor()
  let listed = waitForApi(city, 'GET', `/api/v1/annual-reports/${YEAR}`)
  await openYear(city, 'annual-reports', YEAR)
  assert.equal((await listed).status(), 200)
  await city.locator('#deadline-date').fill(`${YEAR + 1}-01-31`)
  await city.locator('#deadline-date').press('Enter')
  await city.getByRole('heading', { level: 1, name: '年度报告审核' }).click()
  await settle(city)
  const deadline = waitForApi(city, 'PUT', `/api/v1/annual-reports/${YEAR}/deadline`)
  await city.getByRole('button', { name: '保存截止日期' }).click()
  assert.equal((await deadline).status(), 200)
  await city.locator('.el-table__body tr', { hasText: '南池子' }).waitFor()
  await checkAccessibility(city, 'supervision-reports-city')

  // ---- the community files ----
  const community = await openPage(browser)
  await signInCommunity(community)
  await community.getByRole('menuitem', { name: '年度报告' }).click()
  await community.getByRole('heading', { level: 1, name: '年度报告' }).waitFor()
  const mine = waitForApi(community, 'GET', `/api/v1/annual-reports/${YEAR}/mine`)
  await openYear(community, 'annual-report', YEAR)
  assert.equal((await mine).status(), 200)
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
  const submitted = waitForApi(community, 'POST', `/api/v1/annual-reports/${YEAR}/mine/submit`)
  await community.getByRole('button', { name: '报送', exact: true }).click()
  await confirm(community, '报送')
  assert.equal((await submitted).status(), 200)
  await community.getByText('年度报告已报送，等待或已经完成审核，不能修改。').waitFor()
  await checkAccessibility(community, 'supervision-my-report-submitted')

  // The community's rectification page: none under rectification.
  await community.getByRole('menuitem', { name: '限期整改' }).click()
  await community.getByText('当前没有处于限期整改中的星级智慧社区。').waitFor()
  await checkAccessibility(community, 'supervision-rectifications-community')
  assertNoPageErrors(community)

  // ---- the city reviews: a return needs a reason, then accept with confirmation ----
  listed = waitForApi(city, 'GET', `/api/v1/annual-reports/${YEAR}`)
  await openYear(city, 'annual-reports', YEAR)
  await listed
  const row = city.locator('.el-table__body tr', { hasText: '南池子' })
  await row.getByText('已报送').waitFor()
  await row.getByRole('button', { name: '审核' }).click()
  const dialog = city.locator('.el-dialog', { hasText: '南池子' })
  await dialog.getByText('新增智慧养老服务').waitFor()
  await dialog.getByRole('button', { name: '退回', exact: true }).click()
  await dialog.getByText('退回时请写明修改意见').waitFor()
  await checkAccessibility(city, 'supervision-review-dialog')
  await dialog.locator('#review-opinion').fill('材料齐全，同意')
  await dialog.getByRole('button', { name: '通过', exact: true }).click()
  await confirm(city, '通过')
  await row.getByText('已通过').waitFor()

  // The other pages of the city: rectification and the annual check.
  await city.getByRole('menuitem', { name: '限期整改' }).click()
  await city.getByRole('heading', { level: 1, name: '限期整改' }).waitFor()
  await checkAccessibility(city, 'supervision-rectifications-city')
  await city.getByRole('menuitem', { name: '年度抽查' }).click()
  await city.getByRole('heading', { level: 1, name: '年度抽查' }).waitFor()
  await checkAccessibility(city, 'supervision-annual-check')
  assertNoPageErrors(city)

  // The community sees the city's decision.
  await openYear(community, 'annual-report', YEAR)
  await community.getByText('市社会办已审核通过').waitFor()
})
