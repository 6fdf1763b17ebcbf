/**
 * The set-up the specs share: API calls as the demo staff and the accounts a spec creates, the
 * server's test clock, a community taken through a pilot round to `proposed`, the notice and a
 * certification, and the console's confirmation box.
 *
 * Every spec uses a community and years of its own (see tests/e2e/README.md), because all specs
 * run one after another against one server.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'

import { passwordOf, url } from './harness.mjs'

/** 25 constraint indicators of bj-trial: with the mechanism, ★★★ (第十三条1). */
export const TRIAL_CODES = [
  '1', '2', '4', '6', '7', '8', '10', '12', '13', '15', '16', '19', '20', '21', '22', '25', '27',
  '28', '29', '30', '31', '32', '34', '35', '37',
]

/** The smallest PDF the evidence store accepts (judged by content). */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
)

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

export function sha256(text) {
  return createHash('sha256').update(text).digest('hex')
}

/**
 * Bearer sessions of the demo users and of the accounts a spec creates, signed in on first use.
 * `accounts`: `[{ username, password }]` of those accounts.
 */
export class Staff {
  sessions = new Map()

  constructor(accounts = []) {
    this.accounts = new Map(accounts.map((account) => [account.username, account.password]))
  }

  passwordOf(username) {
    return this.accounts.get(username) ?? passwordOf(username)
  }

  async signIn(username) {
    const answer = await fetch(url('/api/v1/session'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: this.passwordOf(username) }),
    })
    assert.equal(answer.status, 200, `sign-in of ${username}`)
    return (await answer.json()).token
  }

  /** `username` calls `method path` with `body`; the status must be `status`. Returns the JSON. */
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

  /** Moves the server's test clock; sessions end by it, so everyone signs in again. */
  async moveClockTo(now) {
    this.sessions.clear()
    await this.call('admin', 'PUT', '/api/v1/system/clock', { now })
    this.sessions.clear()
  }

  /** Puts the clock back to the present (every spec's `after`). */
  resetClock() {
    return this.moveClockTo(new Date().toISOString()).catch(() => undefined)
  }
}

/** admin creates the community account `{ username, password }` of `code`. */
export async function createCommunityAccount(staff, code, account, name) {
  staff.accounts.set(account.username, account.password)
  await staff.call(
    'admin',
    'POST',
    '/api/v1/users',
    {
      username: account.username,
      password: account.password,
      name,
      role: 'community',
      org_code: code,
    },
    201,
  )
}

/**
 * The communities `[{ code, username }]` (`username`: the community's account) from a new pilot
 * round of `year` to `proposed` at ★★★ through the API: self-assessment, street, the three
 * district departments, the recommendation (in the order given), an evaluator, the city's
 * decision. All must be of 东华门街道 (dc_street's). The clock stands at 16 November.
 */
export async function proposedApplications(staff, communities, year) {
  await staff.moveClockTo(`${year}-10-01T10:00:00+08:00`)
  const round = await staff.call(
    'city_social',
    'POST',
    '/api/v1/rounds',
    { year, kind: 'pilot', standard_id: 'bj-trial' },
    201,
  )
  await staff.call('city_social', 'POST', `/api/v1/rounds/${round.id}/open`)
  const apps = []
  for (const { code, username } of communities) {
    await staff.call('city_social', 'PUT', `/api/v1/communities/${code}/pilot`, { pilot: true })
    const app = await staff.call(
      username,
      'POST',
      `/api/v1/rounds/${round.id}/applications`,
      { community_code: code, target_star: 3 },
      201,
    )
    const path = `/api/v1/applications/${app.id}`
    await staff.call(username, 'PUT', `${path}/assessment`, {
      achieved: TRIAL_CODES,
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
    apps.push(app)
  }
  for (const [index, app] of apps.entries()) {
    await staff.call('dc_social', 'POST', `/api/v1/applications/${app.id}/recommend`, {
      rank: index + 1,
    })
  }
  await staff.moveClockTo(`${year}-11-16T09:00:00+08:00`)
  for (const app of apps) {
    const path = `/api/v1/applications/${app.id}`
    await staff.call('city_social', 'POST', `${path}/evaluators`, { username: 'expert_hd' })
    await staff.call('expert_hd', 'POST', `${path}/evaluation`, {
      checks: TRIAL_CODES.map((c) => ({ code: c, verified: true, reason: '' })),
      effective: true,
      opinion: '全部核实',
    })
    const decided = await staff.call('city_social', 'POST', `${path}/decision`, {
      star: 3,
      opinion: '拟认定为三星级',
    })
    assert.equal(decided.state, 'proposed')
  }
  return { round, apps }
}

/** One community's application to `proposed`: `{ round, app }` (see proposedApplications). */
export async function proposedApplication(staff, community, year) {
  const { round, apps } = await proposedApplications(staff, [community], year)
  return { round, app: apps[0] }
}

/** The notice of `round` (its 7 days start now). */
export async function publishNotice(staff, round) {
  await staff.call('city_social', 'POST', `/api/v1/rounds/${round.id}/notice`)
}

/** A week after the notice: the naming. Returns community code → serial of each certification. */
export async function finalizeRound(staff, round) {
  await staff.moveClockTo(`${round.year}-11-23T10:00:00+08:00`)
  const finalized = await staff.call('city_social', 'POST', `/api/v1/rounds/${round.id}/finalize`)
  const serials = new Map()
  for (const item of finalized.certified) {
    assert.match(item.serial, new RegExp(`^BJZHSQ-${round.year}-3-\\d{6}$`))
    serials.set(item.community_code, item.serial)
  }
  return serials
}

/**
 * Communities `[{ code, account, staffName }]` certified at ★★★ in one pilot round of `year`,
 * their accounts created first. Returns `{ round, apps, serials }` (serials: code → serial); the
 * clock stands at 23 November of `year`.
 */
export async function certifiedCommunities(staff, communities, year) {
  await staff.moveClockTo(`${year}-10-01T10:00:00+08:00`)
  for (const { code, account, staffName } of communities) {
    await createCommunityAccount(staff, code, account, staffName)
  }
  const { round, apps } = await proposedApplications(
    staff,
    communities.map(({ code, account }) => ({ code, username: account.username })),
    year,
  )
  await publishNotice(staff, round)
  const serials = await finalizeRound(staff, round)
  assert.equal(serials.size, communities.length, 'every community is certified')
  return { round, apps, serials }
}

/** Answers the console's confirmation box (ElMessageBox) with `button`. */
export async function confirm(page, button) {
  const box = page.locator('.el-message-box')
  await box.waitFor()
  await box.getByRole('button', { name: button, exact: true }).click()
  await box.waitFor({ state: 'hidden' })
}
