// Standards and the star calculator (第七条, 第十三条), as a community would use them.
//
// Needs GET /api/v1/standards, GET /api/v1/standards/{id} and POST /api/v1/rating/evaluate, and
// the two standards of data/standards/ loaded by `huixing init --demo`. While the server does not
// have the routes yet (404), the test is skipped and says so.
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

test('dc_community reads the trial standard and the calculator rates the ticked indicators', async () => {
  const page = await signedInPage(shared.browser, 'dc_community')
  const list = await openFromMenu(page, '标准与星级测算', { api: ['GET', '/api/v1/standards'] })
  const trialLink = page.getByRole('link', { name: '北京市智慧社区指导标准（试行）' })
  await trialLink.waitFor()
  await page.getByRole('link', { name: '北京市智慧社区建设指导标准' }).waitFor()
  // Both catalogues hold example indicators, and the console must say so (DESIGN.md §1).
  assert.ok((await page.getByText('含示例指标').count()) >= 2)
  await checkAccessibility(page, 'standards-list')

  const detail = waitForApi(page, 'GET', '/api/v1/standards/bj-trial', { status: 200 })
  await trialLink.click()
  await detail
  await page.getByRole('heading', { level: 1, name: '北京市智慧社区指导标准（试行）' }).waitFor()
  await page.getByText('本标准含示例指标，并非官方指标文本').waitFor()
  // The calculator asks the server as soon as the page opens: nothing ticked, no star.
  await page.locator('.eligible-text', { hasText: '暂不满足任何星级的条件' }).waitFor()
  await checkAccessibility(page, 'standard-bj-trial')

  // Every indicator achieved, but no long-term mechanism: still no star (第十三条1).
  let rated = waitForApi(page, 'POST', '/api/v1/rating/evaluate', { status: 200 })
  await page.getByRole('button', { name: '全部勾选' }).click()
  let result = await (await rated).json()
  assert.equal(result.eligible_star, 0)
  assert.ok(
    result.counts.constraint >= 25,
    `constraint indicators counted: ${result.counts.constraint}`,
  )
  await page.locator('.eligible-text', { hasText: '暂不满足任何星级的条件' }).waitFor()

  // With the mechanism in place, ≥25 constraint indicators may apply for ★★★.
  rated = waitForApi(page, 'POST', '/api/v1/rating/evaluate', { status: 200 })
  const mechanism = page.getByRole('switch', { name: '长效机制已建立' })
  // Element Plus hides the real checkbox under the drawn switch, which is what a person clicks.
  await page.locator('.el-switch', { has: mechanism }).click()
  result = await (await rated).json()
  assert.equal(result.eligible_star, 3)
  await page.locator('.eligible-text', { hasText: '可申报3星级智慧社区' }).waitFor()
  await page.getByText('已达到本标准可测算的最高星级').waitFor()
  await checkAccessibility(page, 'standard-bj-trial-rated')
  assertNoPageErrors(page)
  await page.context().close()
})
