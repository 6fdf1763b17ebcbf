// Every public page (issues 5 and 7): home, the notices and one notice, the widget, verification,
// the gallery, a community's page and the annual check's bulletin, each checked with axe-core at
// a desktop and at a 390 px phone width, in the larger-text mode (适老化) and with JavaScript
// turned off. On a phone nothing may scroll sideways: wide tables stack their cells.
//
// The pages need content: one community (东厂社区 of 东华门街道, whose account this test creates)
// is taken through a 2028 pilot round to a certification through the API, and a 2029 annual
// check is drawn and published. naming.test.mjs uses a 2027 round and workflow.test.mjs a 2026
// one on the same server, with other communities. The server runs with --test-clock; the clock
// is put back to the present at the end.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, test } from 'node:test'

import {
  assertNoPageErrors,
  checkAccessibility,
  launchBrowser,
  openPage,
  passwordOf,
  screenshot,
  url,
} from '../lib/harness.mjs'

const COMMUNITY_CODE = '110101001005'
const COMMUNITY = '东厂社区居委会'
const COMMUNITY_ACCOUNT = ['dcg_community', 'Dongchang-Community-2028!']
/** 25 constraint indicators of bj-trial: with the mechanism, ★★★ (第十三条1). */
const CODES = [
  '1', '2', '4', '6', '7', '8', '10', '12', '13', '15', '16', '19', '20', '21', '22', '25', '27',
  '28', '29', '30', '31', '32', '34', '35', '37',
]
const PHONE = { width: 390, height: 844 }

/** Bearer sessions of the demo users (and the community account), signed in on first use. */
class Staff {
  sessions = new Map()

  async signIn(username) {
    const password =
      username === COMMUNITY_ACCOUNT[0] ? COMMUNITY_ACCOUNT[1] : passwordOf(username)
    const answer = await fetch(url('/api/v1/session'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
    assert.equal(answer.status, 200, `sign-in of ${username}`)
    return (await answer.json()).token
  }

  /** `username` calls `method path` with `body`; the status must be `status`. */
  async call(username, method, path, body, status = 200) {
    if (!this.sessions.has(username)) this.sessions.set(username, await this.signIn(username))
    const headers = { Authorization: `Bearer ${this.sessions.get(username)}` }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const answer = await fetch(url(path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await answer.text()
    assert.equal(answer.status, status, `${username} ${method} ${path} → ${text}`)
    return text ? JSON.parse(text) : null
  }

  /** Moves the server's test clock; sessions expire by it, so everyone signs in again. */
  async moveClockTo(now) {
    await this.call('admin', 'PUT', '/api/v1/system/clock', { now })
    this.sessions.clear()
  }
}

const staff = new Staff()
let browser

before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await staff.moveClockTo(new Date().toISOString()).catch(() => undefined)
  await browser?.close()
})

/** 东厂社区 from a new 2028 pilot round to `proposed` at ★★★, then the notice. */
async function publishedNotice() {
  await staff.moveClockTo('2028-10-01T10:00:00+08:00')
  const [username, password] = COMMUNITY_ACCOUNT
  await staff.call('admin', 'POST', '/api/v1/users', {
    username,
    password,
    name: '东厂社区工作人员（测试）',
    role: 'community',
    org_code: COMMUNITY_CODE,
  }, 201)
  await staff.call('city_social', 'PUT', `/api/v1/communities/${COMMUNITY_CODE}/pilot`, {
    pilot: true,
  })
  const round = await staff.call('city_social', 'POST', '/api/v1/rounds', {
    year: 2028,
    kind: 'pilot',
    standard_id: 'bj-trial',
  }, 201)
  await staff.call('city_social', 'POST', `/api/v1/rounds/${round.id}/open`)
  const app = await staff.call(username, 'POST', `/api/v1/rounds/${round.id}/applications`, {
    community_code: COMMUNITY_CODE,
    target_star: 3,
  }, 201)
  const path = `/api/v1/applications/${app.id}`
  await staff.call(username, 'PUT', `${path}/assessment`, {
    achieved: CODES,
    mechanism: true,
    mechanism_note: '已建立信息资源动态更新维护制度',
    effective: true,
    effectiveness_note: '居民使用率高',
  })
  await staff.call(username, 'POST', `${path}/submit`)
  await staff.call('dc_street', 'POST', `${path}/street-review`, {
    decision: 'forward',
    opinion: '同意转报',
  })
  for (const department of ['dc_social', 'dc_it', 'dc_civil']) {
    await staff.call(department, 'POST', `${path}/district-review`, {
      decision: 'approve',
      opinion: '同意',
    })
  }
  await staff.call('dc_social', 'POST', `${path}/recommend`, { rank: 1 })
  await staff.moveClockTo('2028-11-16T09:00:00+08:00')
  await staff.call('city_social', 'POST', `${path}/evaluators`, { username: 'expert_hd' })
  await staff.call('expert_hd', 'POST', `${path}/evaluation`, {
    checks: CODES.map((code) => ({ code, verified: true, reason: '' })),
    effective: true,
    opinion: '全部核实',
  })
  await staff.call('city_social', 'POST', `${path}/decision`, { star: 3, opinion: '拟认定为三星级' })
  await staff.call('city_social', 'POST', `/api/v1/rounds/${round.id}/notice`)
  return round
}

/** After the notice: the certification, then a 2029 annual check drawn and published. */
async function certifiedAndChecked(round) {
  await staff.moveClockTo('2028-11-23T10:00:00+08:00')
  const finalized = await staff.call('city_social', 'POST', `/api/v1/rounds/${round.id}/finalize`)
  const serial = finalized.certified[0]?.serial
  assert.match(serial ?? '', /^BJZHSQ-2028-3-\d{6}$/)
  const seed = 'public-pages-2029-annual-check-seed'
  const seed_sha256 = createHash('sha256').update(seed).digest('hex')
  await staff.call('city_social', 'POST', '/api/v1/annual-checks/2029/commitment', { seed_sha256 }, 201)
  const drawn = await staff.call('city_social', 'POST', '/api/v1/annual-checks/2029/draw', {
    seed,
    per_district: 1,
  }, 201)
  assert.ok(drawn.items.length > 0, 'the annual check drew no community')
  for (const item of drawn.items) {
    await staff.call('city_social', 'POST', `/api/v1/annual-check-items/${item.id}/result`, {
      passed: true,
      findings: '平台运行正常，居民满意度较高',
    })
  }
  await staff.call('city_social', 'POST', '/api/v1/annual-checks/2029/publish')
  return serial
}

let round
let serial

test('set-up: a notice published for a 2028 pilot round', async () => {
  round = await publishedNotice()
})

// The notice is checked while it runs (with its comment form).
for (const item of [
  { name: 'home', path: () => '/', heading: '北京市星级智慧社区认定' },
  { name: 'notices', path: () => '/public/notices', heading: '拟认定名单公示' },
  {
    name: 'notice',
    path: () => `/public/notices/${round.id}`,
    heading: /拟认定名单公示$/,
    table: true,
  },
  { name: 'widget', path: () => `/public/notices/${round.id}/embed`, widget: true },
]) {
  test(`the public page ${item.name} at 1280 and 390 px, in both sizes and without JavaScript`, () =>
    checkEveryWay(item))
}

test('set-up: the certification and a published 2029 annual check', async () => {
  serial = await certifiedAndChecked(round)
})

for (const item of [
  { name: 'verify', path: () => `/public/verify/${serial}`, heading: '电子奖牌查验' },
  {
    name: 'gallery',
    path: () => '/public/certifications',
    heading: '北京市星级智慧社区',
    table: true,
  },
  { name: 'community', path: () => `/public/communities/${COMMUNITY_CODE}`, heading: COMMUNITY },
  {
    name: 'annual-check',
    path: () => '/public/annual-checks/2029',
    heading: /2029 年度北京市星级智慧社区抽查情况通报/,
    table: true,
  },
  { name: 'standards', path: () => '/public/standards', heading: /认定标准/ },
]) {
  test(`the public page ${item.name} at 1280 and 390 px, in both sizes and without JavaScript`, () =>
    checkEveryWay(item))
}

/** Whether anything on the page is wider than the window (a sideways scroll on a phone). */
function overflowsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
}

async function waitForHeading(page, item) {
  if (item.widget) {
    await page.locator('header').first().waitFor()
    return
  }
  await page.getByRole('heading', { level: 1, name: item.heading }).first().waitFor()
}

async function checkEveryWay(item) {
  {
    const path = item.path()
    // Desktop and phone, standard and larger text, each through axe.
    for (const [viewport, suffix] of [
      [undefined, ''],
      [PHONE, '-phone'],
    ]) {
      for (const large of [false, true]) {
        if (item.widget && large) continue // a portal's frame has no 大字版 switch
        const page = await openPage(browser, viewport ? { viewport } : {})
        const address = large ? `${path}${path.includes('?') ? '&' : '?'}large=1` : path
        const answer = await page.goto(url(address))
        assert.equal(answer?.status(), 200, `${address}`)
        await waitForHeading(page, item)
        const name = `public-${item.name}${suffix}${large ? '-large' : ''}`
        await checkAccessibility(page, name)
        if (viewport) assert.equal(await overflowsSideways(page), false, `${name} scrolls sideways`)
        if (large && !item.widget) {
          assert.equal(await page.locator('body.large').count(), 1, `${name}: not in large text`)
          const size = await page.evaluate(() => getComputedStyle(document.body).fontSize)
          assert.equal(size, '21px', `${name}: body text ${size}`)
          // The larger text lasts: the site's links keep it, and the switch leads back.
          const notices = page.getByRole('navigation', { name: '站点导航' }).getByRole('link', { name: '公示', exact: true })
          assert.match((await notices.getAttribute('href')) ?? '', /large=1/)
          const back = page.getByRole('link', { name: '标准字号' })
          assert.doesNotMatch((await back.getAttribute('href')) ?? '', /large=1/)
        }
        if (item.table && viewport) {
          // On a phone a wide table stacks: each cell is a line of its own, led by its label.
          const cell = page.locator('table.stack td').first()
          assert.equal(await cell.evaluate((td) => getComputedStyle(td).display), 'block', name)
          const label = await cell.evaluate((td) => getComputedStyle(td, '::before').content)
          assert.match(label, /："$/, `${name}: the stacked cell has no label (${label})`)
        }
        assertNoPageErrors(page)
        await page.context().close()
      }
    }
    // Without JavaScript the page is whole: the server's answer carries the content.
    const plain = await openPage(browser, { javaScriptEnabled: false, viewport: PHONE })
    const answer = await plain.goto(url(path))
    assert.equal(answer?.status(), 200)
    await waitForHeading(plain, item)
    if (item.table) assert.ok((await plain.locator('table.stack tbody tr').count()) > 0, item.name)
    assert.equal(await overflowsSideways(plain), false, `${item.name} without JavaScript`)
    await screenshot(plain, `public-${item.name}-no-js`)
    await plain.context().close()
  }
}
