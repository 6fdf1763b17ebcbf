// Every public page (issues 5 and 7), part 1: home, the notices, one notice while it runs (with
// its comment form) and the widget; public-certified.test.mjs has the pages after naming. Each
// page is checked with axe-core at 1280 px and at a 390 px phone width in the larger text
// (适老化), with no sideways scroll on the phone (wide tables stack their cells), and again with
// JavaScript turned off.
//
// 东厂社区 of 东华门街道 (an account this test creates) is taken through a 2028 pilot round to the
// notice through the API. naming.test.mjs uses a 2027 round and workflow.test.mjs a 2026 one on
// the same server, with other communities. The clock is put back to the present at the end.
import { test } from 'node:test'

import { useBrowser } from '../lib/harness.mjs'
import { Staff } from '../lib/fixtures.mjs'
import { checkEveryWay, publishedNotice } from './public-support.mjs'

const ACCOUNT = { username: 'dcg_community', password: 'Dongchang-Community-2028!' }
const staff = new Staff()
let round
const shared = useBrowser({ cleanUp: () => staff.resetClock() })

test('set-up: a notice published for a 2028 pilot round', async () => {
  round = await publishedNotice(staff, { code: '110101001005', account: ACCOUNT }, 2028)
})

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
  test(`the public page ${item.name}: desktop, phone in large text, no JavaScript`, () =>
    checkEveryWay(shared.browser, item))
}
