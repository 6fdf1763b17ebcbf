// From the city's decision to a verified plaque, in the console (第十四条3, 第十五条, 第二十条):
// 市社会办 publishes the notice, moderates and answers a public comment, commits a seed, draws
// the spot checks, records a result with a photo, is refused while the notice runs, finalizes
// after it, finds the certification among the certified communities and sees its plaque load.
//
// The application gets to `proposed` through the API (the console's steps up to the
// recommendation are workflow.test.mjs's). It is 银闸社区 of 东华门街道, whose community account
// this test creates, in a 2027 round: workflow.test.mjs takes 多福巷社区 through a 2026 round on
// the same server, and a certification here must not change its current star. The server runs
// with --test-clock; the clock is put back to the present at the end.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  settle,
  signedInPage,
  signIn,
  url,
  useBrowser,
  waitForApi,
} from '../lib/harness.mjs'
import {
  confirm,
  createCommunityAccount,
  PNG,
  proposedApplication,
  Staff,
} from '../lib/fixtures.mjs'

const COMMUNITY_CODE = '110101001002'
const COMMUNITY = '银闸社区居委会'
const COMMUNITY_USER = { username: 'yz_community', password: 'Yinzha-Community-2027!' }
const staff = new Staff()

const shared = useBrowser({ cleanUp: () => staff.resetClock() })

/** An application of 银闸社区 taken to `proposed` at ★★★ through the API. */
async function proposed() {
  await staff.moveClockTo('2027-10-01T10:00:00+08:00')
  await createCommunityAccount(staff, COMMUNITY_CODE, COMMUNITY_USER, '银闸社区工作人员（测试）')
  return proposedApplication(
    staff,
    { code: COMMUNITY_CODE, username: COMMUNITY_USER.username },
    2027,
  )
}

/** A public comment during the notice, through the public API (test_code under --test-clock). */
async function publicComment(roundId) {
  const sent = await fetch(url('/api/v1/public/phone-codes'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ phone: '13600136000' }),
  })
  assert.equal(sent.status, 202)
  const { test_code: code } = await sent.json()
  const posted = await fetch(url(`/api/v1/public/notices/${roundId}/comments`), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      community_code: COMMUNITY_CODE,
      content: '社区的智慧停车系统晚上经常无法使用',
      name: '李女士',
      phone: '13600136000',
      phone_code: code,
    }),
  })
  assert.equal(posted.status, 201)
  return (await posted.json()).id
}

async function openTab(page, name) {
  await page.getByRole('tab', { name, exact: true }).click()
  await settle(page)
}

test('市社会办: notice, comment, spot check, finalize, and the plaque in the certified communities', async () => {
  const { round, app } = await proposed()

  const page = await signedInPage(shared.browser, 'city_social')

  // ---- the notice ----
  await page.goto(url(`/console/rounds/${round.id}?tab=notice`))
  await page.getByText('本批次尚未发布公示。').waitFor()
  await checkAccessibility(page, 'naming-notice-unpublished')
  const published = waitForApi(page, 'POST', `/api/v1/rounds/${round.id}/notice`)
  await page.getByRole('button', { name: '发布公示' }).click()
  await confirm(page, '发布公示')
  assert.equal((await published).status(), 200)
  await page.locator('.notice-status', { hasText: '公示中' }).waitFor()
  await page.locator('.el-table__body tr', { hasText: COMMUNITY }).waitFor()
  await page.locator('.time-left', { hasText: /^(7天0小时0分|6天23小时5\d分)$/ }).waitFor()
  await checkAccessibility(page, 'naming-notice-open')

  // ---- a public comment: moderated, then answered as not upheld ----
  const commentId = await publicComment(round.id)
  await page.reload()
  await openTab(page, '群众评议')
  const commentRow = page.locator('.comments .el-table__body tr', { hasText: '智慧停车' })
  await commentRow.waitFor()
  await commentRow.getByText('136****6000').waitFor()
  await checkAccessibility(page, 'naming-comments')
  const moderated = waitForApi(page, 'POST', `/api/v1/comments/${commentId}/moderation`)
  await commentRow.getByRole('button', { name: `将第${commentId}条评议标为有效` }).click()
  assert.equal((await moderated).status(), 200)
  await commentRow.getByRole('button', { name: `答复第${commentId}条评议` }).click()
  const dialog = page.getByRole('dialog', { name: '答复评议' })
  await dialog.waitFor()
  await dialog.getByRole('textbox', { name: '答复内容' }).fill('经核实，停车系统已于夜间恢复运行')
  await checkAccessibility(page, 'naming-disposition-dialog')
  const disposed = waitForApi(page, 'POST', `/api/v1/comments/${commentId}/disposition`)
  await dialog.getByRole('button', { name: '答复', exact: true }).click()
  await confirm(page, '答复')
  assert.equal((await disposed).status(), 200)
  await dialog.waitFor({ state: 'hidden' })
  await page.locator('.el-radio-button', { hasText: '已处理' }).click()
  await page.locator('.comments .el-table__body tr', { hasText: '不属实' }).waitFor()

  // ---- spot checks: the seed's SHA-256 first, then the draw ----
  await openTab(page, '抽查')
  await page.getByRole('button', { name: '生成随机种子' }).click()
  const seedBox = page.getByRole('textbox', { name: '种子', exact: true })
  await seedBox.waitFor()
  const seed = await seedBox.inputValue()
  assert.match(seed, /^[0-9a-f]{64}$/)
  const sha = (await page.locator('.seed-sha').innerText()).trim()
  assert.match(sha, /^[0-9a-f]{64}$/)
  await page.getByText('请立即保存种子').waitFor()
  await checkAccessibility(page, 'naming-spot-commitment')
  const committed = waitForApi(page, 'POST', `/api/v1/rounds/${round.id}/spot-checks/commitment`)
  await page.getByRole('button', { name: '发布承诺' }).click()
  await confirm(page, '发布承诺')
  assert.equal((await committed).status(), 201)
  const drawSeed = page.getByRole('textbox', { name: '种子（发布承诺时保存的）' })
  await drawSeed.waitFor()
  // A mistyped seed is caught in the browser, before anything is sent.
  await drawSeed.fill(`${seed.slice(0, -1)}${seed.endsWith('0') ? '1' : '0'}`)
  await page.getByRole('button', { name: '抽取', exact: true }).click()
  await page.getByText('该种子的SHA-256与已发布的承诺不符').waitFor()
  await drawSeed.fill(seed)
  await checkAccessibility(page, 'naming-spot-draw')
  const drawn = waitForApi(page, 'POST', `/api/v1/rounds/${round.id}/spot-checks`)
  await page.getByRole('button', { name: '抽取', exact: true }).click()
  await confirm(page, '抽取')
  const draw = await drawn
  assert.equal(draw.status(), 201)
  const drawAnswer = await draw.json()
  assert.equal(drawAnswer.seed_sha256, sha)
  const check = drawAnswer.items.find((item) => item.community_code === COMMUNITY_CODE)
  assert.ok(check, 'the only proposed community of 东城区 is drawn')
  assert.ok(check.inspectors.length > 0)
  const checkRow = page.locator('.spot-checks .el-table__body tr', { hasText: COMMUNITY })
  await checkRow.getByText('待记录').waitFor()
  await page.locator('.el-descriptions', { hasText: '已公开的种子' }).getByText(seed).waitFor()

  // The drawn inspector sees the check among their own (我的抽查), with the record button.
  const inspector = await signedInPage(shared.browser, 'expert_hd')
  await inspector.goto(url(`/console/rounds/${round.id}?tab=spot-checks`))
  await inspector.getByRole('tab', { name: '我的抽查' }).waitFor()
  const mine = inspector.locator('.spot-checks .el-table__body tr', { hasText: COMMUNITY })
  await mine.getByRole('button', { name: `记录结果：${COMMUNITY}` }).waitFor()
  assert.equal(await inspector.getByRole('button', { name: '发布承诺' }).count(), 0)
  await checkAccessibility(inspector, 'naming-evaluator-spot-checks')
  assertNoPageErrors(inspector)
  await inspector.context().close()

  // A photo, then the result.
  await checkRow.getByRole('button', { name: `查看照片：${COMMUNITY}` }).click()
  const photos = page.getByRole('dialog', { name: `${COMMUNITY}的抽查照片` })
  await photos.getByText('暂无照片').waitFor()
  const uploaded = waitForApi(page, 'POST', `/api/v1/spot-checks/${check.id}/photos`)
  await photos
    .locator('.spot-photo-upload input[type=file]')
    .setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG })
  assert.equal((await uploaded).status(), 201)
  await photos.getByRole('link', { name: '现场照片.png' }).waitFor()
  await checkAccessibility(page, 'naming-spot-photos')
  await photos.getByRole('button', { name: /关闭|Close/ }).click()
  await photos.waitFor({ state: 'hidden' })

  await checkRow.getByRole('button', { name: `记录结果：${COMMUNITY}` }).click()
  const result = page.getByRole('dialog', { name: `记录抽查结果：${COMMUNITY}` })
  await result.waitFor()
  await result.getByRole('textbox', { name: '抽查发现' }).fill('智慧停车、门禁与养老平台均运行正常')
  await checkAccessibility(page, 'naming-spot-result-dialog')
  const recorded = waitForApi(page, 'POST', `/api/v1/spot-checks/${check.id}/result`)
  await result.getByRole('button', { name: '记录结果', exact: true }).click()
  await confirm(page, '记录结果')
  assert.equal((await recorded).status(), 200)
  await result.waitFor({ state: 'hidden' })
  await checkRow.getByText('通过', { exact: true }).waitFor()
  await checkAccessibility(page, 'naming-spot-checks')

  // ---- finalize: refused while the notice runs, said in words ----
  await openTab(page, '认定命名')
  await page.getByText('公示期已满').waitFor()
  let finalized = waitForApi(page, 'POST', `/api/v1/rounds/${round.id}/finalize`)
  await page.getByRole('button', { name: '认定命名', exact: true }).click()
  await confirm(page, '认定命名')
  assert.equal((await finalized).status(), 409)
  await page.locator('.finalize-refusal', { hasText: '公示期尚未结束' }).waitFor()
  await checkAccessibility(page, 'naming-finalize-refused')

  // A week later by the server's clock: the console's session has ended too; sign in again.
  await staff.moveClockTo('2027-11-23T10:00:00+08:00')
  await signIn(page, 'city_social')
  await page.goto(url(`/console/rounds/${round.id}?tab=finalize`))
  await page.locator('.conditions .met', { hasText: '公示期已满' }).waitFor()
  finalized = waitForApi(page, 'POST', `/api/v1/rounds/${round.id}/finalize`)
  await page.getByRole('button', { name: '认定命名', exact: true }).click()
  await confirm(page, '认定命名')
  const naming = await finalized
  assert.equal(naming.status(), 200)
  const { certified } = await naming.json()
  assert.equal(certified.length, 1)
  const serial = certified[0].serial
  assert.match(serial, /^BJZHSQ-2027-3-\d{6}$/)
  await page.locator('.certified', { hasText: serial }).waitFor()
  await checkAccessibility(page, 'naming-finalized')

  // ---- the certified communities: the row, the drawer, the plaque ----
  await page.getByRole('link', { name: '查看星级社区名录' }).click()
  await page.waitForURL((address) => address.pathname === '/console/certifications')
  await page.getByRole('heading', { level: 1, name: '星级社区' }).waitFor()
  const certRow = page.locator('.certifications .el-table__body tr', { hasText: serial })
  await certRow.waitFor()
  await certRow.getByText('有效', { exact: true }).waitFor()
  await checkAccessibility(page, 'naming-certifications')
  const verified = waitForApi(page, 'GET', `/api/v1/public/verify/${serial}`)
  await certRow.getByRole('button', { name: `查看${COMMUNITY}的证书详情` }).click()
  assert.equal((await verified).status(), 200)
  const drawer = page.getByRole('dialog', { name: `证书：${serial}` })
  await drawer.waitFor()
  const plaque = drawer.locator('img.plaque-image')
  await plaque.waitFor()
  await page.waitForFunction(
    (element) => element.complete && element.naturalWidth > 0,
    await plaque.elementHandle(),
  )
  const size = await plaque.evaluate((element) => [element.naturalWidth, element.naturalHeight])
  assert.ok(size[0] > 100 && size[1] > 100, `the plaque PNG loads (${size.join('×')})`)
  await drawer.getByRole('link', { name: '下载 PDF 格式的电子奖牌' }).waitFor()
  await drawer.getByText('暂无处理记录').waitFor()
  await checkAccessibility(page, 'naming-certification-drawer')

  // A warning (第二十条) shows in the public history at once.
  await drawer.getByRole('button', { name: '动态管理处理' }).click()
  const sanction = page.getByRole('dialog', { name: `动态管理处理：${COMMUNITY}` })
  await sanction.waitFor()
  await sanction.locator('.el-radio', { hasText: '警告' }).click()
  await sanction.getByRole('textbox', { name: '事由' }).fill('年度工作总结逾期未报')
  await checkAccessibility(page, 'naming-sanction-dialog')
  const sanctioned = waitForApi(page, 'POST', `/api/v1/certifications/${serial}/sanctions`)
  await sanction.getByRole('button', { name: '警告', exact: true }).click()
  await confirm(page, '警告')
  assert.equal((await sanctioned).status(), 201)
  await drawer.locator('.el-timeline-item', { hasText: '年度工作总结逾期未报' }).waitFor()

  // The city's home page: the latest round's funnel and the stars by district.
  await page.goto(url('/console/'))
  await page.locator('.funnel-chart canvas').waitFor()
  await page.locator('.district-chart canvas').waitFor()
  await checkAccessibility(page, 'naming-city-dashboard')
  assertNoPageErrors(page)
  await page.context().close()

  // ---- the community sees its certification on its application and its home page ----
  const community = await signedInPage(
    shared.browser,
    COMMUNITY_USER.username,
    COMMUNITY_USER.password,
  )
  await community.getByRole('heading', { name: '我的星级' }).waitFor()
  await community.locator('.my-certifications', { hasText: serial }).waitFor()
  await checkAccessibility(community, 'naming-community-home')
  await community.goto(url(`/console/applications/${app.id}`))
  await community.locator('.state', { hasText: '已认定' }).waitFor()
  await community.locator('.my-certifications', { hasText: serial }).waitFor()
  await checkAccessibility(community, 'naming-community-application')
  assertNoPageErrors(community)
  await community.context().close()
})
