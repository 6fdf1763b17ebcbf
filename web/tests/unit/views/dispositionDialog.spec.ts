import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { Comment } from '@/api/notice/types'
import { i18n } from '@/i18n'
import DispositionDialog from '@/views/Notice/components/DispositionDialog.vue'
import { jsonResponse, routeFetch } from '../helpers'

vi.mock('@/utils/feedback', () => ({
  confirmAction: vi.fn(() => Promise.resolve(true)),
  notifySuccess: vi.fn(),
  notifyError: vi.fn(),
  notifyErrorText: vi.fn(),
}))

const COMMENT: Comment = {
  id: 12,
  round_id: 4,
  application_id: 7,
  community_code: '110101001001',
  community_name: '多福巷社区居委会',
  content: '门禁系统实际未启用',
  name: '',
  phone: '138****8000',
  created_at: '2026-12-02T09:00:00+08:00',
  moderation: 'accepted',
  disposition: null,
  response: '',
  disposed_by: '',
  disposed_at: null,
}

describe('DispositionDialog', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('refuses an upheld answer without a new star, then sends it with one', async () => {
    const { fn, calls } = routeFetch({
      'POST /api/v1/comments/12/disposition': () =>
        jsonResponse({ ...COMMENT, disposition: 'upheld' }),
    })
    vi.stubGlobal('fetch', fn)
    const wrapper = mount(DispositionDialog, {
      props: { comment: null, proposedStar: 3 },
      global: { plugins: [i18n] },
      attachTo: document.body,
    })
    await wrapper.setProps({ comment: COMMENT })
    await flushPromises()
    const body = document.body
    const radios = [
      ...body.querySelectorAll<HTMLInputElement>('.disposition-dialog input[type=radio]'),
    ]
    radios.find((radio) => radio.value === 'upheld')!.click()
    await flushPromises()
    const textarea = body.querySelector<HTMLTextAreaElement>('.disposition-dialog textarea')!
    textarea.value = '经核实，门禁系统未启用'
    textarea.dispatchEvent(new Event('input'))
    const submit = [...body.querySelectorAll<HTMLButtonElement>('.disposition-dialog button')].find(
      (button) => button.textContent?.trim() === '答复',
    )!
    submit.click()
    await flushPromises()
    expect(calls).toHaveLength(0)
    const starItem = [...body.querySelectorAll('.disposition-dialog .el-form-item')].find((item) =>
      item.textContent?.includes('重新决定的星级'),
    )!
    expect(starItem.classList.contains('is-error')).toBe(true)

    // The select offers lower stars only, then 撤销拟认定: pick ★★ through the component state.
    const select = wrapper.findComponent({ name: 'ElSelect' })
    select.vm.$emit('update:modelValue', 2)
    await flushPromises()
    submit.click()
    await flushPromises()
    expect(calls).toHaveLength(1)
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({
      result: 'upheld',
      response: '经核实，门禁系统未启用',
      star: 2,
    })
    expect(wrapper.emitted('done')).toHaveLength(1)
    wrapper.unmount()
  })
})
