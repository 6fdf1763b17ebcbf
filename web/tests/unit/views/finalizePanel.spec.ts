import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'

import type { Notice } from '@/api/notice/types'
import type { Role } from '@/api/types'
import type { Round } from '@/api/workflow/types'
import { i18n } from '@/i18n'
import FinalizePanel from '@/views/Notice/components/FinalizePanel.vue'
import { useRoundNotice } from '@/views/Notice/useRoundNotice'
import { jsonResponse, problemResponse, routeFetch } from '../helpers'

vi.mock('@/utils/feedback', () => ({
  confirmAction: vi.fn(() => Promise.resolve(true)),
  notifySuccess: vi.fn(),
  notifyError: vi.fn(),
  notifyErrorText: vi.fn(),
}))

const ROUND = {
  id: 4,
  name: '2026年度试点认定',
  year: 2026,
  calendar: { notice_days: 7 },
} as Round

const NOTICE: Notice = {
  round: { id: 4, name: ROUND.name, year: 2026 },
  starts_at: '2026-12-01T10:00:00+08:00',
  ends_at: '2026-12-08T10:00:00+08:00',
  status: 'ended',
  status_label: '公示期满',
  seconds_left: 0,
  items: [],
  spot_check: null,
}

function comment(moderation: string, disposition: string | null) {
  return { id: 1, community_code: 'x', moderation, disposition }
}

async function mountPanel(role: Role, table: Parameters<typeof routeFetch>[0]) {
  vi.stubGlobal('fetch', routeFetch(table).fn)
  const state = useRoundNotice(ref(4), ref<Role | null>(role))
  await state.load()
  const wrapper = mount(FinalizePanel, {
    props: { round: ROUND, state },
    global: { plugins: [i18n], stubs: { RouterLink: { template: '<a><slot /></a>' } } },
  })
  await flushPromises()
  return { wrapper, state }
}

describe('FinalizePanel', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => vi.unstubAllGlobals())

  it('lists which conditions hold and how many comments are left', async () => {
    const { wrapper, state } = await mountPanel('city_social', {
      'GET /api/v1/public/notices/4': () => jsonResponse(NOTICE),
      'GET /api/v1/rounds/4/comments': () =>
        jsonResponse({ items: [comment('pending', null), comment('accepted', 'dismissed')] }),
      'GET /api/v1/rounds/4/spot-checks': () => jsonResponse({ items: [] }),
    })
    expect(state.pendingCommentCount.value).toBe(1)
    const items = wrapper.findAll('.conditions li')
    expect(items.map((item) => item.classes()[0])).toEqual(['met', 'unmet', 'met'])
    expect(items[1]!.text()).toContain('尚有1条')
  })

  it('explains a 409 refusal in words, beside the server’s detail', async () => {
    const { wrapper } = await mountPanel('city_social', {
      'GET /api/v1/public/notices/4': () => jsonResponse({ ...NOTICE, status: 'open' }),
      'GET /api/v1/rounds/4/comments': () => jsonResponse({ items: [] }),
      'GET /api/v1/rounds/4/spot-checks': () => jsonResponse({ items: [] }),
      'POST /api/v1/rounds/4/finalize': () =>
        problemResponse(409, { code: 'notice_running', detail: '公示期至12月8日10时结束' }),
    })
    await wrapper.find('button.el-button--danger').trigger('click')
    await flushPromises()
    const alert = wrapper.find('.finalize-refusal')
    expect(alert.text()).toContain('公示期尚未结束')
    expect(alert.text()).toContain('公示期至12月8日10时结束')
  })

  it('shows the issued serials after finalizing', async () => {
    const { wrapper } = await mountPanel('city_social', {
      'GET /api/v1/public/notices/4': () => jsonResponse(NOTICE),
      'GET /api/v1/rounds/4/comments': () => jsonResponse({ items: [] }),
      'GET /api/v1/rounds/4/spot-checks': () => jsonResponse({ items: [] }),
      'POST /api/v1/rounds/4/finalize': () =>
        jsonResponse({
          certified: [
            {
              community_code: '110101001001',
              community_name: '多福巷社区居委会',
              star: 3,
              serial: 'BJZHSQ-2026-3-000001',
            },
          ],
        }),
    })
    await wrapper.find('button.el-button--danger').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('BJZHSQ-2026-3-000001')
  })

  it('offers the button to city_social only', async () => {
    const { wrapper } = await mountPanel('city_civil', {
      'GET /api/v1/public/notices/4': () => jsonResponse(NOTICE),
      'GET /api/v1/rounds/4/comments': () => jsonResponse({ items: [] }),
      'GET /api/v1/rounds/4/spot-checks': () => jsonResponse({ items: [] }),
    })
    expect(wrapper.find('button.el-button--danger').exists()).toBe(false)
  })
})

describe('useRoundNotice', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('reads a 404 as “not published” and asks for nothing else', async () => {
    const { fn, calls } = routeFetch({
      'GET /api/v1/public/notices/4': () => problemResponse(404, { detail: '公示尚未发布' }),
    })
    vi.stubGlobal('fetch', fn)
    const state = useRoundNotice(ref(4), ref<Role | null>('city_social'))
    await state.load()
    expect(state.notice.value).toBeNull()
    expect(state.errorText.value).toBe('')
    expect(calls).toHaveLength(1)
  })

  it('gives an evaluator the spot checks but not the comments', async () => {
    const { fn, calls } = routeFetch({
      'GET /api/v1/public/notices/4': () => jsonResponse(NOTICE),
      'GET /api/v1/rounds/4/spot-checks': () =>
        jsonResponse({ items: [{ id: 1, passed: null, inspectors: ['expert'] }] }),
    })
    vi.stubGlobal('fetch', fn)
    const state = useRoundNotice(ref(4), ref<Role | null>('evaluator'))
    await state.load()
    expect(state.pendingCheckCount.value).toBe(1)
    expect(calls.map((call) => call.url)).not.toContain('/api/v1/rounds/4/comments')
  })
})
