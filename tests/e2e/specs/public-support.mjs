// What the public-page specs share: API calls as the demo staff (bearer sessions), the test
// clock, a community taken to a notice and a certification, and the checks of one public page.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'

import {
  assertNoPageErrors,
  checkAccessibility,
  openPage,
  passwordOf,
  screenshot,
  url,
} from '../lib/harness.mjs'

/** 25 constraint indicators of bj-trial: with the mechanism, ★★★ (第十三条1). */
const CODES = [
  '1', '2', '4', '6', '7', '8', '10', '12', '13', '15', '16', '19', '20', '21', '22', '25', '27',
  '28', '29', '30', '31', '32', '34', '35', '37',
]
export const PHONE = { width: 390, height: 844 }

/** Bearer sessions of the demo users (and the community account), signed in on first use. */
export class Staff {
  sessions = new Map()

  /** `account`: [username, password] of the community account the test creates. */
  constructor(account) {
    this.account = account
  }

  async signIn(username) {
    const password = username === this.account[0] ? this.account[1] : passwordOf(username)
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

/**
 * `community` ({code, account}) from a new pilot round of `year` to `proposed` at ★★★, then the
 * notice; the clock stands in that round's calendar.
 */
export async function publishedNotice(staff, community, year) {
  const COMMUNITY_CODE = community.code
  await staff.moveClockTo(`${year}-10-01T10:00:00+08:00`)
  const [username, password] = staff.account
  await staff.call('admin', 'POST', '/api/v1/users', {
    username,
    password,
    name: '社区工作人员（公共页面测试）',
    role: 'community',
    org_code: COMMUNITY_CODE,
  }, 201)
  await staff.call('city_social', 'PUT', `/api/v1/communities/${COMMUNITY_CODE}/pilot`, {
    pilot: true,
  })
  const round = await staff.call('city_social', 'POST', '/api/v1/rounds', {
    year,
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
  await staff.moveClockTo(`${year}-11-16T09:00:00+08:00`)
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

/** After the notice: the certification, then the next year's annual check drawn and published. */
export async function certifiedAndChecked(staff, round) {
  await staff.moveClockTo(`${round.year}-11-23T10:00:00+08:00`)
  const finalized = await staff.call('city_social', 'POST', `/api/v1/rounds/${round.id}/finalize`)
  const serial = finalized.certified[0]?.serial
  assert.match(serial ?? '', new RegExp(`^BJZHSQ-${round.year}-3-\\d{6}$`))
  const checkYear = round.year + 1
  const seed = `public-pages-${checkYear}-annual-check-seed`
  const seed_sha256 = createHash('sha256').update(seed).digest('hex')
  await staff.call('city_social', 'POST', `/api/v1/annual-checks/${checkYear}/commitment`, { seed_sha256 }, 201)
  const drawn = await staff.call('city_social', 'POST', `/api/v1/annual-checks/${checkYear}/draw`, {
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
  await staff.call('city_social', 'POST', `/api/v1/annual-checks/${checkYear}/publish`)
  return { serial, checkYear }
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

/**
 * One public page at 1280 px and at a 390 px phone width in the larger text, each through axe,
 * then on the phone without JavaScript. (The standard size on a phone is the larger one's
 * easier case; each spec file must finish within run.sh's 120 s.)
 */
export async function checkEveryWay(browser, item) {
  {
    const path = item.path()
    // Desktop and phone, standard and larger text, each through axe.
    for (const [viewport, suffix, large] of [
      [undefined, '', false],
      [PHONE, '-phone', !item.widget], // a portal's frame has no 大字版 switch
    ]) {
      {
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
