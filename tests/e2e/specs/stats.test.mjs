// 统计分析 and 年度计划 in the console (issues 6 and 7): a city user sees the whole city with the
// coverage map on the home page and downloads a table; a district user sees its own district and
// files its yearly plan. Every page through axe-core, with screenshots.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  menuItems,
  openFromMenu,
  openPage,
  settle,
  signedInPage,
  signIn,
  url,
  useBrowser,
  waitForApi,
} from '../lib/harness.mjs'

const shared = useBrowser()

async function openTab(page, name, path) {
  const answer = waitForApi(page, 'GET', path)
  await page.getByRole('tab', { name, exact: true }).click()
  assert.equal((await answer).status(), 200)
  await settle(page)
}

test('市社会办: the map on the home page, every statistics tab, an export, and the plans', async () => {
  const page = await openPage(shared.browser)
  const coverage = waitForApi(page, 'GET', '/api/v1/stats/coverage')
  await signIn(page, 'city_social')
  assert.equal((await coverage).status(), 200)
  // The map: its boundaries load with the dashboard, and its canvas draws.
  await page.getByRole('heading', { level: 3, name: /各区覆盖率/ }).waitFor()
  await page.locator('.map-chart canvas').first().waitFor()
  await page.getByText('边界数据：Apache ECharts 4.9.0 北京地图（Apache-2.0）').waitFor()
  await checkAccessibility(page, 'stats-city-home')

  assert.ok((await menuItems(page)).includes('统计分析'))
  await openFromMenu(page, '统计分析')
  await page.getByRole('heading', { level: 2, name: '下一批次建议（第十条）' }).waitFor()
  await page.getByText('统计范围：全市').waitFor()
  // The 16 districts and the city's total.
  // The first table of the tab is the coverage by district (the next round is a description list).
  const table = page.locator('.el-table__body').first()
  await table.getByRole('link', { name: '东城区' }).waitFor()
  await table.getByRole('link', { name: '延庆区' }).waitFor()
  assert.equal(await table.locator('tr', { hasText: '北京市（合计）' }).count(), 1)
  await checkAccessibility(page, 'stats-city-coverage')

  // A download: the server's CSV with its BOM and Chinese header.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 CSV（各区覆盖率）' }).click(),
  ])
  assert.equal(download.suggestedFilename(), 'coverage.csv')
  const csv = fs.readFileSync(await download.path(), 'utf8')
  assert.match(csv, /^\uFEFF区划代码,名称,社区数/)

  await openTab(page, '认定统计', '/api/v1/stats/summary')
  await page.getByRole('heading', { level: 2, name: '按星级' }).waitFor()
  await checkAccessibility(page, 'stats-city-summary')
  await openTab(page, '申报漏斗', '/api/v1/stats/funnel')
  await page.getByRole('heading', { level: 2, name: '各区漏斗' }).waitFor()
  await checkAccessibility(page, 'stats-city-funnel')
  await page.getByRole('tab', { name: '指标达成', exact: true }).click()
  await settle(page)
  await checkAccessibility(page, 'stats-city-indicators')

  // The district filter narrows to one district (the address keeps it).
  await page.goto(url('/console/stats?tab=coverage&district=110108'))
  await page.getByText('统计范围：海淀区').waitFor()
  await settle(page)

  await page.goto(url('/console/plans'))
  await page.getByRole('heading', { level: 1, name: '年度计划' }).waitFor()
  await page.getByRole('heading', { level: 2, name: '全市目标（第二条）' }).waitFor()
  await page.getByRole('heading', { level: 3, name: '修改全市目标' }).waitFor()
  await checkAccessibility(page, 'stats-city-plans')
  assertNoPageErrors(page)
  await page.context().close()
})

test('区社会办: its own district only, and its yearly plan filed and shown against the result', async () => {
  const page = await signedInPage(shared.browser, 'dc_social')
  await page.goto(url('/console/stats'))
  await page.getByRole('heading', { level: 1, name: '统计分析' }).waitFor()
  await page.getByText('统计范围：东城区').waitFor()
  const table = page.locator('.el-table__body').first()
  await table.getByRole('link', { name: '东城区' }).waitFor()
  assert.equal(await table.getByRole('link', { name: '海淀区' }).count(), 0)
  assert.equal(await table.locator('tr', { hasText: '东城区（合计）' }).count(), 1)
  // No district filter for a district role: the server would answer 404 for another one.
  assert.equal(await page.locator('#stats-district').count(), 0)
  await checkAccessibility(page, 'stats-district-coverage')

  await page.goto(url('/console/plans'))
  await page.getByRole('heading', { level: 2, name: '填报本区年度计划' }).waitFor()
  // A district user sets no city target.
  assert.equal(await page.getByRole('heading', { name: '修改全市目标' }).count(), 0)
  await page.locator('#plan-year').fill('2027')
  await page.locator('#plan-planned').fill('36')
  await page.locator('#plan-note').fill('重点推进东华门街道社区（浏览器测试）')
  const saved = waitForApi(page, 'PUT', '/api/v1/plans/110101/2027')
  await page.getByRole('button', { name: '保存计划' }).click()
  assert.equal((await saved).status(), 200)
  const row = page.locator('.el-table__body tr', { hasText: '重点推进东华门街道社区' })
  await row.waitFor()
  // The result is whatever other specs on this server certified in 东城区 for 2027 (the naming
  // spec certifies one): the row shows the plan, that result and the rate between them.
  const shown = (await row.innerText()).match(/2027\s+东城区\s+36\s+(\d+)\s+([\d.]+)%/)
  assert.ok(shown, await row.innerText())
  assert.equal(shown[2], ((Number(shown[1]) / 36) * 100).toFixed(1))
  await page.locator('.plan-chart canvas').first().waitFor()
  await checkAccessibility(page, 'stats-district-plans')
  assertNoPageErrors(page)
  await page.context().close()
})
