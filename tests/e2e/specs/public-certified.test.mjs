// Every public page (issues 5 and 7), part 2: after naming — verification, the gallery, a
// community's page and the annual check's bulletin (public-pages.test.mjs has the notice). The same checks: axe at 1280 px and at 390 px in the larger text, no sideways scroll
// on the phone, and the page without JavaScript.
//
// 智德社区 of 东华门街道 (an account this test creates) is certified in a 2030 pilot round and a
// 2031 annual check is drawn, every result recorded as passed, and published, through the API.
// The clock is put back to the present at the end.
import { test } from 'node:test'

import { useBrowser } from '../lib/harness.mjs'
import { Staff } from '../lib/fixtures.mjs'
import { certifiedAndChecked, checkEveryWay, publishedNotice } from './public-support.mjs'

const CODE = '110101001006'
const ACCOUNT = { username: 'zd_community', password: 'Zhide-Community-2030!' }
const staff = new Staff()
let certified
const shared = useBrowser({ cleanUp: () => staff.resetClock() })

test('set-up: a certification of a 2030 pilot round and the published 2031 annual check', async () => {
  const round = await publishedNotice(staff, { code: CODE, account: ACCOUNT }, 2030)
  certified = await certifiedAndChecked(staff, round)
})

for (const item of [
  { name: 'verify', path: () => `/public/verify/${certified.serial}`, heading: '电子奖牌查验' },
  {
    name: 'gallery',
    path: () => '/public/certifications',
    heading: '北京市星级智慧社区',
    table: true,
  },
  { name: 'community', path: () => `/public/communities/${CODE}`, heading: /智德社区/ },
  {
    name: 'annual-check',
    path: () => `/public/annual-checks/${certified.checkYear}`,
    heading: /年度北京市星级智慧社区抽查情况通报/,
    table: true,
  },
]) {
  test(`the public page ${item.name}: desktop, phone in large text, no JavaScript`, () =>
    checkEveryWay(shared.browser, item))
}
