// The division tree as a city role and as a community: browse down, search, stay in scope.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  openFromMenu,
  signedInPage,
  url,
  useBrowser,
  waitForApi,
} from '../lib/harness.mjs'

const shared = useBrowser()

test('city_social browses district → street → community and finds 多福巷 by name', async () => {
  const page = await signedInPage(shared.browser, 'city_social')

  const districts = await openFromMenu(page, '区划与社区', { api: ['GET', '/api/v1/regions'] })
  const districtCards = page.locator('.district-grid li')
  await districtCards.first().waitFor()
  assert.equal(await districtCards.count(), 16, 'the city sees all 16 districts')
  await checkAccessibility(page, 'regions-city_social')

  let answer = waitForApi(page, 'GET', '/api/v1/regions/110101', { status: 200 })
  await page.getByRole('link', { name: /东城区/ }).click()
  await answer
  await page.getByRole('heading', { level: 1, name: '东城区' }).waitFor()
  await page.getByRole('heading', { level: 2, name: '下辖街道（乡镇）' }).waitFor()
  await checkAccessibility(page, 'region-district-110101')

  answer = waitForApi(page, 'GET', '/api/v1/regions/110101001', { status: 200 })
  await page.getByRole('link', { name: '东华门街道', exact: true }).click()
  await answer
  await page.getByRole('heading', { level: 1, name: '东华门街道' }).waitFor()
  const crumbs = page.getByRole('navigation', { name: '当前位置' })
  assert.match(await crumbs.innerText(), /区划与社区\s*\/\s*东城区\s*\/\s*东华门街道/)
  await checkAccessibility(page, 'region-street-110101001')

  answer = waitForApi(page, 'GET', '/api/v1/communities/110101001001', { status: 200 })
  await page.getByRole('link', { name: '多福巷社区居委会' }).click()
  await answer
  await page.getByRole('heading', { level: 1, name: '多福巷社区居委会' }).waitFor()
  const details = await page.locator('.el-descriptions').innerText()
  for (const text of ['110101001001', '居委会', '首批试点', '东华门街道', '东城区']) {
    assert.ok(details.includes(text), `community details show '${text}'`)
  }
  await checkAccessibility(page, 'community-110101001001')

  // Search by name from the district list.
  await openFromMenu(page, '区划与社区')
  await page.getByLabel('按名称搜索区划或社区').fill('多福巷')
  const search = waitForApi(page, 'GET', '/api/v1/regions/search', { status: 200 })
  await page.getByRole('button', { name: '查询' }).click()
  await search
  await page.getByRole('heading', { level: 2, name: '“多福巷”的搜索结果：共1条' }).waitFor()
  const row = page.locator('.el-table__body tr').filter({ hasText: '多福巷社区居委会' })
  assert.match(await row.innerText(), /社区（村）[\s\S]*东城区[\s\S]*110101001001/)
  await checkAccessibility(page, 'regions-search-duofuxiang')
  answer = waitForApi(page, 'GET', '/api/v1/communities/110101001001', { status: 200 })
  await row.getByRole('link', { name: '多福巷社区居委会' }).click()
  await answer
  await page.getByRole('heading', { level: 1, name: '多福巷社区居委会' }).waitFor()
  assertNoPageErrors(page)
  await page.context().close()
})

test('dc_community reaches its own community and nothing beside it', async () => {
  const page = await signedInPage(shared.browser, 'dc_community')
  await page.goto(url('/console/regions'))
  await page.getByRole('heading', { level: 1, name: '区划与社区' }).waitFor()
  const mine = page.locator('.my-unit')
  await mine.getByRole('link', { name: '多福巷社区居委会' }).waitFor()
  await checkAccessibility(page, 'regions-dc_community')

  const answer = waitForApi(page, 'GET', '/api/v1/communities/110101001001', { status: 200 })
  await mine.getByRole('link', { name: '多福巷社区居委会' }).click()
  await answer
  await page.getByRole('heading', { level: 1, name: '多福巷社区居委会' }).waitFor()

  // A neighbouring community of the same street is outside this user's scope: 404, said plainly.
  const refused = waitForApi(page, 'GET', '/api/v1/communities/110101001002')
  await page.goto(url('/console/communities/110101001002'))
  assert.equal((await refused).status(), 404)
  await page.getByRole('heading', { level: 1, name: '社区不存在或不在您的管辖范围内' }).waitFor()
  await checkAccessibility(page, 'community-out-of-scope')
  assertNoPageErrors(page)
  await page.context().close()
})
