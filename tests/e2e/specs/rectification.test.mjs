// Rectification and revocation in the console (第二十条): 市社会办 orders 台基厂社区 to rectify by a
// deadline; the community sees it on its home page's to-do, files a rectification report and
// attaches evidence; the city accepts it and the title is valid again. 韶九社区's deadline passes
// without a report: the rectification page proposes the revocation, the city revokes (with the
// confirmation that says it cannot be undone) and the public verification page says 已撤销 at once.
// axe runs on every page and each is photographed.
//
// Both communities of 东华门街道 (110101001013, 110101001014), with accounts this test creates,
// are certified in a 2023 pilot round through the API; no other spec uses 2023. The clock is put
// back to the present at the end.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  openPage,
  settle,
  signedInPage,
  url,
  useBrowser,
  waitForApi,
} from '../lib/harness.mjs'
import { certifiedCommunities, confirm, PDF, Staff } from '../lib/fixtures.mjs'

const YEAR = 2023
const RECTIFIED = {
  code: '110101001013',
  name: '台基厂社区居委会',
  /** as the rectification cases name it (the certification's full name ends in 社区) */
  short: '台基厂社区',
  account: { username: 'tjc_community', password: 'Taijichang-Community-2023!' },
  staffName: '台基厂社区工作人员（测试）',
}
const LAPSED = {
  code: '110101001014',
  name: '韶九社区居委会',
  short: '韶九社区',
  account: { username: 'sj_community', password: 'Shaojiu-Community-2023!' },
  staffName: '韶九社区工作人员（测试）',
}
const staff = new Staff()
let serials

const shared = useBrowser({ cleanUp: () => staff.resetClock() })

/** The certifications page opened on one community, its row, and its drawer opened. */
async function openDrawer(page, community) {
  await page.goto(url(`/console/certifications?q=${community.code}`))
  const serial = serials.get(community.code)
  const row = page.locator('.certifications .el-table__body tr', { hasText: serial })
  await row.waitFor()
  await row.getByRole('button', { name: `查看${community.name}的证书详情` }).click()
  const drawer = page.getByRole('dialog', { name: `证书：${serial}` })
  await drawer.waitFor()
  await settle(page)
  return { row, drawer }
}

/** The sanction dialog from the drawer: `kind` with `reason` (and a deadline). */
async function sanction(page, drawer, community, { kind, reason, deadline }) {
  await drawer.getByRole('button', { name: '动态管理处理' }).click()
  const dialog = page.getByRole('dialog', { name: `动态管理处理：${community.name}` })
  await dialog.waitFor()
  await dialog.locator('.el-radio', { hasText: kind }).click()
  if (deadline) {
    const picker = dialog.getByRole('combobox', { name: '整改期限' })
    await picker.fill(deadline)
    await picker.press('Enter')
  }
  await dialog.getByRole('textbox', { name: '事由' }).fill(reason)
  await settle(page)
  await checkAccessibility(page, `rectification-sanction-${kind}`)
  const serial = serials.get(community.code)
  const answered = waitForApi(page, 'POST', `/api/v1/certifications/${serial}/sanctions`)
  await dialog.getByRole('button', { name: kind, exact: true }).click()
  const box = page.locator('.el-message-box')
  await box.waitFor()
  const warning = (await box.innerText()).trim()
  await confirm(page, kind)
  assert.equal((await answered).status(), 201)
  await dialog.waitFor({ state: 'hidden' })
  await drawer.locator('.el-timeline-item', { hasText: reason }).waitFor()
  return warning
}

test('set-up: 台基厂 and 韶九 certified in a 2023 pilot round', async () => {
  ;({ serials } = await certifiedCommunities(staff, [RECTIFIED, LAPSED], YEAR))
  await staff.moveClockTo(`${YEAR + 1}-03-01T10:00:00+08:00`)
})

test('限期整改: ordered, seen on the home page, filed with evidence, accepted', async () => {
  // ---- the city orders 台基厂 to rectify by 30 April, in the console ----
  const city = await signedInPage(shared.browser, 'city_social')
  let { row, drawer } = await openDrawer(city, RECTIFIED)
  await sanction(city, drawer, RECTIFIED, {
    kind: '限期整改',
    reason: '年度抽查发现智慧养老平台停用，限期整改',
    deadline: `${YEAR + 1}-04-30`,
  })
  await drawer
    .getByRole('button', { name: /关闭|Close/ })
    .first()
    .click()
  await row.getByText('整改中', { exact: true }).waitFor()

  // 韶九 is ordered to rectify by 31 March through the API; it never files.
  await staff.call(
    'city_social',
    'POST',
    `/api/v1/certifications/${serials.get(LAPSED.code)}/sanctions`,
    {
      kind: 'rectification',
      reason: '门禁系统长期故障，限期整改',
      deadline: `${YEAR + 1}-03-31T23:59:59.999+08:00`,
    },
    201,
  )

  // ---- the community: its home page's to-do, then the report with evidence ----
  const community = await signedInPage(
    shared.browser,
    RECTIFIED.account.username,
    RECTIFIED.account.password,
  )
  const todo = community.locator('.rectification-todo')
  await todo.getByRole('heading', { name: '待办事项' }).waitFor()
  await todo.getByText(`${RECTIFIED.short}被责令限期整改，请在 ${YEAR + 1}/04/30`).waitFor()
  await checkAccessibility(community, 'rectification-community-home')
  await todo.getByRole('link', { name: '报送整改报告' }).click()
  await community.getByRole('heading', { level: 1, name: '限期整改' }).waitFor()
  const card = community.locator('.case', { hasText: RECTIFIED.short })
  await card.getByText('年度抽查发现智慧养老平台停用').waitFor()
  await checkAccessibility(community, 'rectification-community-case')
  await card.getByRole('button', { name: '报送整改报告' }).click()
  const fileDialog = community.getByRole('dialog', { name: '报送整改报告' })
  await fileDialog.waitFor()
  await fileDialog.getByRole('button', { name: '报送', exact: true }).click()
  await fileDialog.getByText('请填写整改情况').waitFor()
  await fileDialog
    .getByRole('textbox', { name: '整改情况' })
    .fill('已更换养老平台服务器并恢复运行，建立每周巡检制度。')
  const filed = waitForApi(
    community,
    'POST',
    `/api/v1/certifications/${serials.get(RECTIFIED.code)}/rectification-reports`,
  )
  await fileDialog.getByRole('button', { name: '报送', exact: true }).click()
  const report = await filed
  assert.equal(report.status(), 201)
  const reportId = (await report.json()).id
  const uploaded = waitForApi(
    community,
    'POST',
    `/api/v1/rectification-reports/${reportId}/attachments`,
  )
  await fileDialog.locator('.el-upload input[type=file]').setInputFiles({
    name: '整改佐证.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  })
  assert.equal((await uploaded).status(), 201)
  await fileDialog.getByText('整改佐证.pdf').waitFor()
  await checkAccessibility(community, 'rectification-community-filed')
  await fileDialog.getByRole('button', { name: '完成', exact: true }).click()
  await fileDialog.waitFor({ state: 'hidden' })
  await card.getByText('已报送').waitFor()
  assertNoPageErrors(community)

  // ---- the city accepts: the title is valid again ----
  await city.goto(url('/console/rectifications'))
  const cityCard = city.locator('.case', { hasText: RECTIFIED.short })
  await cityCard.getByText('已更换养老平台服务器').waitFor()
  await cityCard.getByRole('link', { name: '整改佐证.pdf' }).waitFor()
  await checkAccessibility(city, 'rectification-city')
  await cityCard.getByRole('button', { name: '审核' }).click()
  const review = city.getByRole('dialog', { name: '审核整改报告' })
  await review.waitFor()
  await review.getByRole('textbox', { name: '审核意见' }).fill('整改到位，同意恢复')
  await checkAccessibility(city, 'rectification-review-dialog')
  const reviewed = waitForApi(city, 'POST', `/api/v1/rectification-reports/${reportId}/review`)
  await review.getByRole('button', { name: '通过', exact: true }).click()
  await confirm(city, '通过')
  assert.equal((await reviewed).status(), 200)
  await review.waitFor({ state: 'hidden' })
  await cityCard.waitFor({ state: 'detached' })
  const verified = await staff.call(
    'city_social',
    'GET',
    `/api/v1/public/verify/${serials.get(RECTIFIED.code)}`,
  )
  assert.equal(verified.status, 'valid')
  ;({ row } = await openDrawer(city, RECTIFIED))
  await row.getByText('有效', { exact: true }).waitFor()
  await city.context().close()
})

test('a lapsed deadline: the revocation proposed, made, and public at once', async () => {
  // ---- 韶九's deadline passes: the revocation is proposed, then made ----
  await staff.moveClockTo(`${YEAR + 1}-04-05T10:00:00+08:00`)
  const late = await signedInPage(shared.browser, 'city_social')
  await late.goto(url('/console/rectifications'))
  const lapsed = late.locator('.case', { hasText: LAPSED.short })
  await lapsed.getByText('期满未整改，拟撤销').waitFor()
  await checkAccessibility(late, 'rectification-revocation-proposed')
  await lapsed.getByRole('link', { name: '前往撤销称号' }).click()
  await late.waitForURL((address) => address.pathname === '/console/certifications')
  const { drawer } = await openDrawer(late, LAPSED)
  const warning = await sanction(late, drawer, LAPSED, {
    kind: '撤销称号',
    reason: '限期整改期满未报送整改报告',
  })
  assert.match(warning, /不能恢复/)
  await drawer.getByText('已撤销', { exact: true }).first().waitFor()
  assertNoPageErrors(late)
  await late.context().close()

  // The public verification page says so at once.
  const visitor = await openPage(shared.browser)
  const answer = await visitor.goto(url(`/public/verify/${serials.get(LAPSED.code)}`))
  assert.equal(answer?.status(), 200)
  await visitor.getByRole('heading', { level: 1, name: '电子奖牌查验' }).waitFor()
  await visitor.getByText('已撤销').first().waitFor()
  await visitor.getByText('限期整改期满未报送整改报告').first().waitFor()
  await checkAccessibility(visitor, 'rectification-public-verify-revoked')
  assertNoPageErrors(visitor)
  await visitor.context().close()
})
