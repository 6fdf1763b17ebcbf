// The annual spot check in the console (第十九条): 市社会办 opens the year's campaign by publishing
// the SHA-256 of a seed, draws the communities with that seed (the draw is reproducible: the seed
// is shown beside its SHA-256 once the results are published), records a pass and a failure with
// findings and a criticism, and publishes the 通报; the public page lists the results and the PDF
// bulletin is a PDF. axe runs on every page and each is photographed.
//
// 灯市口社区 (110101001009) and 王府井社区 (110101001015) of 东华门街道, with accounts this test
// creates, are certified in a 2025 pilot round through the API; the campaign is the 2025 one
// (public-certified.test.mjs has 2031's). The clock is put back to the present at the end.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  openFromMenu,
  openPage,
  screenshot,
  settle,
  signedInPage,
  url,
  useBrowser,
  waitForApi,
} from '../lib/harness.mjs'
import { certifiedCommunities, confirm, sha256, Staff } from '../lib/fixtures.mjs'

const YEAR = 2025
const PASSING = {
  code: '110101001009',
  name: '灯市口社区',
  account: { username: 'dsk_community', password: 'Dengshikou-Community-2025!' },
  staffName: '灯市口社区工作人员（测试）',
}
const FAILING = {
  code: '110101001015',
  name: '王府井社区',
  account: { username: 'wfj_community', password: 'Wangfujing-Community-2025!' },
  staffName: '王府井社区工作人员（测试）',
}
const SEED = 'annual-check-e2e-2025-种子'
const FINDINGS = '社区养老服务平台已停用三个月，未及时报告'
const staff = new Staff()

const shared = useBrowser({ cleanUp: () => staff.resetClock() })

/** Records the result of the item of `community` through the dialog. */
async function recordResult(page, community, { passed, findings, sanction }) {
  const row = page.locator('.el-table__body tr', { hasText: community.name })
  await row.getByRole('button', { name: '记录结果', exact: true }).click()
  const dialog = page.getByRole('dialog', {
    name: new RegExp(`记录 .*${community.name} 的抽查结果`),
  })
  await dialog.waitFor()
  await settle(page)
  if (!passed) await dialog.getByRole('radio', { name: '未通过' }).check({ force: true })
  await dialog.getByRole('textbox', { name: '发现的问题' }).fill(findings)
  if (sanction) {
    // The select's placeholder lies over its input: click the select's frame.
    await dialog.locator('.el-select__wrapper').click()
    await page.getByRole('option', { name: sanction, exact: true }).click()
    await checkAccessibility(page, 'annual-check-result-dialog')
  }
  const recorded = waitForApi(
    page,
    'POST',
    `/api/v1/annual-check-items/${await itemId(community)}/result`,
  )
  await dialog.getByRole('button', { name: '保存结果', exact: true }).click()
  assert.equal((await recorded).status(), 200)
  await dialog.waitFor({ state: 'hidden' })
  await row.getByText(passed ? '通过' : '未通过', { exact: true }).waitFor()
}

/** The id of the drawn item of `community`. */
async function itemId(community) {
  const { items } = await staff.call('city_social', 'GET', `/api/v1/annual-checks/${YEAR}`)
  const item = items.find((one) => one.community_code === community.code)
  assert.ok(item, `${community.name} is drawn`)
  return item.id
}

test('set-up: 灯市口 and 王府井 certified in a 2025 pilot round', async () => {
  await certifiedCommunities(staff, [PASSING, FAILING], YEAR)
  await staff.moveClockTo(`${YEAR + 1}-03-02T10:00:00+08:00`)
})

test('市社会办: the 2025 annual check from the seed to the published 通报 and its PDF', async () => {
  const page = await signedInPage(shared.browser, 'city_social')
  await openFromMenu(page, '年度抽查')
  await page.goto(url(`/console/annual-checks?year=${YEAR}`))
  await page.getByText('本年度抽查尚未开始。').waitFor()
  await checkAccessibility(page, 'annual-check-empty')

  // ---- the commitment: only the seed's SHA-256 leaves the browser ----
  await page.getByRole('textbox', { name: '抽查种子' }).fill(SEED)
  const committed = waitForApi(page, 'POST', `/api/v1/annual-checks/${YEAR}/commitment`)
  await page.getByRole('button', { name: '公布摘要', exact: true }).click()
  await confirm(page, '公布摘要')
  const commitment = await committed
  assert.equal(commitment.status(), 201)
  assert.deepEqual(JSON.parse(commitment.request().postData() ?? '{}'), {
    seed_sha256: sha256(SEED),
  })
  await page.getByText(sha256(SEED)).waitFor()
  await checkAccessibility(page, 'annual-check-committed')

  // ---- the draw: a wrong seed is refused in words, then the committed one ----
  await page.getByRole('textbox', { name: '抽查种子' }).fill(`${SEED}x`)
  let drawn = waitForApi(page, 'POST', `/api/v1/annual-checks/${YEAR}/draw`)
  await page.getByRole('button', { name: '抽取', exact: true }).click()
  await confirm(page, '抽取')
  assert.equal((await drawn).status(), 422)
  await page.getByText('种子的 SHA-256 与事先发布的承诺不一致').first().waitFor()
  await page.getByRole('textbox', { name: '抽查种子' }).fill(SEED)
  drawn = waitForApi(page, 'POST', `/api/v1/annual-checks/${YEAR}/draw`)
  await page.getByRole('button', { name: '抽取', exact: true }).click()
  await confirm(page, '抽取')
  const draw = await drawn
  assert.equal(draw.status(), 201)
  const { items } = await draw.json()
  for (const community of [PASSING, FAILING]) {
    assert.ok(
      items.some((item) => item.community_code === community.code),
      community.name,
    )
  }
  // Any other certified community (from specs run before) passes through the API.
  for (const item of items) {
    if (item.community_code === PASSING.code || item.community_code === FAILING.code) continue
    await staff.call('city_social', 'POST', `/api/v1/annual-check-items/${item.id}/result`, {
      passed: true,
      findings: '运行正常',
    })
  }
  await page.reload()
  await settle(page)
  await screenshot(page, 'annual-check-after-draw')
  await page.locator('.el-table__body tr', { hasText: FAILING.name }).getByText('待检查').waitFor()
  await checkAccessibility(page, 'annual-check-drawn')

  // ---- the results ----
  await recordResult(page, PASSING, { passed: true, findings: '平台运行正常，台账齐全' })
  await recordResult(page, FAILING, { passed: false, findings: FINDINGS, sanction: '通报批评' })
  const failedRow = page.locator('.el-table__body tr', { hasText: FAILING.name })
  await failedRow.getByText(FINDINGS).waitFor()
  await failedRow.getByText('通报批评').waitFor()
  await checkAccessibility(page, 'annual-check-recorded')

  // ---- the 通报, with confirmation; then the seed beside its SHA-256 ----
  const published = waitForApi(page, 'POST', `/api/v1/annual-checks/${YEAR}/publish`)
  await page.getByRole('button', { name: '通报结果', exact: true }).click()
  await confirm(page, '通报结果')
  assert.equal((await published).status(), 200)
  const facts = page.locator('.facts')
  await facts.getByText(SEED, { exact: true }).waitFor()
  await facts.getByText(sha256(SEED), { exact: true }).waitFor()
  await checkAccessibility(page, 'annual-check-published')
  const publicLink = facts.getByRole('link', { name: /通报网页/ })
  assert.equal(await publicLink.getAttribute('href'), `/public/annual-checks/${YEAR}`)
  const pdfLink = facts.getByRole('link', { name: /通报 PDF/ })
  assert.equal(await pdfLink.getAttribute('href'), `/public/annual-checks/${YEAR}/bulletin.pdf`)
  assertNoPageErrors(page)
  await page.context().close()

  // ---- the public page and the PDF ----
  const visitor = await openPage(shared.browser)
  const answer = await visitor.goto(url(`/public/annual-checks/${YEAR}`))
  assert.equal(answer?.status(), 200)
  await visitor
    .getByRole('heading', { level: 1, name: /年度北京市星级智慧社区抽查情况通报/ })
    .waitFor()
  await visitor.getByText(SEED).first().waitFor()
  const publicRow = visitor.locator('tr', { hasText: '王府井社区' })
  await publicRow.getByText(FINDINGS).waitFor()
  await checkAccessibility(visitor, 'annual-check-public')
  const pdf = await fetch(url(`/public/annual-checks/${YEAR}/bulletin.pdf`))
  assert.equal(pdf.status, 200)
  assert.match(pdf.headers.get('content-type') ?? '', /^application\/pdf/)
  const bytes = Buffer.from(await pdf.arrayBuffer())
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-')
  assert.ok(bytes.length > 1000, `the bulletin has content (${bytes.length} bytes)`)
  assertNoPageErrors(visitor)
  await visitor.context().close()
})
