// What the public-page specs share: a community taken to a notice and a certification (through
// tests/e2e/lib/fixtures.mjs), and the checks of one public page.
import assert from 'node:assert/strict'

import {
  createCommunityAccount,
  finalizeRound,
  proposedApplication,
  publishNotice,
  sha256,
} from '../lib/fixtures.mjs'
import { assertNoPageErrors, checkAccessibility, openPage, screenshot, url } from '../lib/harness.mjs'

export const PHONE = { width: 390, height: 844 }

/**
 * `community` ({ code, account }) from a new pilot round of `year` to `proposed` at ★★★, its
 * account created first, then the notice; the clock stands in that round's calendar.
 */
export async function publishedNotice(staff, community, year) {
  await staff.moveClockTo(`${year}-10-01T10:00:00+08:00`)
  await createCommunityAccount(
    staff,
    community.code,
    community.account,
    '社区工作人员（公共页面测试）',
  )
  const { round } = await proposedApplication(
    staff,
    { code: community.code, username: community.account.username },
    year,
  )
  await publishNotice(staff, round)
  return round
}

/** After the notice: the certification, then the next year's annual check drawn and published. */
export async function certifiedAndChecked(staff, round) {
  const serials = await finalizeRound(staff, round)
  const [serial] = serials.values()
  const checkYear = round.year + 1
  const seed = `public-pages-${checkYear}-annual-check-seed`
  await staff.call('city_social', 'POST', `/api/v1/annual-checks/${checkYear}/commitment`, { seed_sha256: sha256(seed) }, 201)
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
