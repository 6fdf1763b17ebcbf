// Each role sees its own name, unit and menu, and nothing else (the server checks again).
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  menuItems,
  signedInPage,
  url,
  useBrowser,
} from '../lib/harness.mjs'

const shared = useBrowser()

/** A community files its annual report (第十八条) and its rectification reports (第二十条). */
const COMMUNITY_MENU = ['首页', '认定批次', '年度报告', '限期整改', '区划与社区', '标准与星级测算']
/** A street follows its communities' annual reports. */
const STREET_MENU = ['首页', '认定批次', '年度报告审核', '区划与社区', '标准与星级测算']
/**
 * The city departments also read the certified communities (星级社区), review reports and
 * rectifications, run the annual spot checks (第十九条), read the sanction ladder (第二十条),
 * statistics, plans and the pilot communities (第九条).
 */
const CITY_MENU = [
  '首页',
  '认定批次',
  '星级社区',
  '年度报告审核',
  '限期整改',
  '年度抽查',
  '处理规则',
  '统计分析',
  '年度计划',
  '区划与社区',
  '试点社区',
  '标准与星级测算',
]

const ROLES = [
  {
    username: 'admin',
    role: '系统管理员',
    unit: '北京市',
    code: '110000',
    menu: ['首页', '标准与星级测算', '用户管理'],
    refused: '/regions',
  },
  {
    username: 'auditor',
    role: '安全审计员',
    unit: '北京市',
    code: '110000',
    menu: ['首页', '标准与星级测算', '审计日志'],
    refused: '/users',
  },
  {
    username: 'security',
    role: '安全管理员',
    unit: '北京市',
    code: '110000',
    menu: ['首页', '标准与星级测算', '用户管理', '安全策略'],
    refused: '/regions',
  },
  {
    username: 'city_social',
    role: '市社会办',
    unit: '北京市',
    code: '110000',
    menu: CITY_MENU,
    refused: '/audit',
  },
  {
    username: 'dc_street',
    role: '街道办事处',
    unit: '东华门街道',
    code: '110101001',
    menu: STREET_MENU,
    refused: '/users',
  },
  {
    username: 'dc_community',
    role: '社区工作人员',
    unit: '多福巷社区居委会',
    code: '110101001001',
    menu: COMMUNITY_MENU,
    refused: '/audit',
  },
]

for (const expected of ROLES) {
  test(`${expected.username} sees the home page as ${expected.role} of ${expected.unit}, with only their menu`, async () => {
    const page = await signedInPage(shared.browser, expected.username)

    const header = page.getByRole('group', { name: '当前用户' })
    assert.match(await header.innerText(), new RegExp(`${expected.role}\\s*${expected.unit}`))
    const identity = page.locator('.identity')
    const identityText = await identity.innerText()
    for (const text of [expected.role, expected.unit, expected.code]) {
      assert.ok(identityText.includes(text), `home identity shows '${text}': ${identityText}`)
    }
    // Demo mode: two-factor sign-in is off, and every page says so.
    await page.getByText('当前未启用双因素认证（演示模式）').waitFor()

    assert.deepEqual(await menuItems(page), expected.menu)
    const cards = (await page.locator('.cards h3').allInnerTexts()).map((text) => text.trim())
    assert.deepEqual(cards, expected.menu.slice(1))
    await checkAccessibility(page, `home-${expected.username}`)

    // A page outside the role's menu, opened by its address, is refused.
    await page.goto(url(`/console${expected.refused}`))
    await page.getByText('当前角色无权使用此功能。').waitFor()
    assert.equal(new URL(page.url()).pathname, '/console/forbidden')
    assertNoPageErrors(page)
    await page.context().close()
  })
}
