import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { Verification } from '@/api/certifications/types'
import { i18n } from '@/i18n'
import { confirmAction } from '@/utils/feedback'
import SanctionDialog from '@/views/Certifications/components/SanctionDialog.vue'
import { jsonResponse, routeFetch } from '../helpers'

vi.mock('@/utils/feedback', () => ({
  confirmAction: vi.fn(() => Promise.resolve(true)),
  notifySuccess: vi.fn(),
  notifyError: vi.fn(),
  notifyErrorText: vi.fn(),
}))

const SERIAL = 'BJZHSQ-2026-3-000001'
const CERT = {
  serial: SERIAL,
  community_name: '多福巷社区居委会',
  title: '北京市三星级智慧社区',
  status: 'valid',
  sanctions: [],
} as unknown as Verification

function dialogButton(text: string): HTMLButtonElement {
  return [...document.body.querySelectorAll<HTMLButtonElement>('.sanction-dialog button')].find(
    (button) => button.textContent?.trim() === text,
  )!
}
function pick(kind: string): void {
  document.body
    .querySelector<HTMLInputElement>(`.sanction-dialog input[type=radio][value=${kind}]`)!
    .click()
}
function typeReason(text: string): void {
  const textarea = document.body.querySelector<HTMLTextAreaElement>('.sanction-dialog textarea')!
  textarea.value = text
  textarea.dispatchEvent(new Event('input'))
}

describe('SanctionDialog', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('asks a deadline for rectification and sends it as the end of that Beijing day', async () => {
    const { fn, calls } = routeFetch({
      [`POST /api/v1/certifications/${SERIAL}/sanctions`]: () =>
        jsonResponse({ ...CERT, status: 'under_rectification' }, 201),
    })
    vi.stubGlobal('fetch', fn)
    const wrapper = mount(SanctionDialog, {
      props: { certification: CERT, open: false },
      global: { plugins: [i18n] },
      attachTo: document.body,
    })
    await wrapper.setProps({ open: true })
    await flushPromises()
    pick('rectification')
    await flushPromises()
    typeReason('平台停运')
    dialogButton('限期整改').click()
    await flushPromises()
    expect(calls).toHaveLength(0)
    // The deadline's form item is marked with the error (its text shows after a transition).
    const deadlineItem = [...document.body.querySelectorAll('.sanction-dialog .el-form-item')].find(
      (item) => item.textContent?.includes('整改期限'),
    )!
    expect(deadlineItem.classList.contains('is-error')).toBe(true)

    wrapper.findComponent({ name: 'ElDatePicker' }).vm.$emit('update:modelValue', '2027-03-31')
    await flushPromises()
    dialogButton('限期整改').click()
    await flushPromises()
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({
      kind: 'rectification',
      reason: '平台停运',
      deadline: '2027-03-31T23:59:59+08:00',
    })
    expect(wrapper.emitted('done')).toHaveLength(1)
    wrapper.unmount()
  })

  it('warns that a revocation is immediate and public before sending it', async () => {
    const { fn, calls } = routeFetch({
      [`POST /api/v1/certifications/${SERIAL}/sanctions`]: () =>
        jsonResponse({ ...CERT, status: 'revoked' }, 201),
    })
    vi.stubGlobal('fetch', fn)
    const wrapper = mount(SanctionDialog, {
      props: { certification: CERT, open: false },
      global: { plugins: [i18n] },
      attachTo: document.body,
    })
    await wrapper.setProps({ open: true })
    await flushPromises()
    pick('revocation')
    await flushPromises()
    expect(document.body.textContent).toContain('撤销称号立即生效并公开')
    typeReason('弄虚作假')
    dialogButton('撤销称号').click()
    await flushPromises()
    const [message, options] = vi.mocked(confirmAction).mock.calls.at(-1)!
    expect(message).toContain('确定撤销“多福巷社区居委会”的“北京市三星级智慧社区”称号吗')
    expect(options?.danger).toBe(true)
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({
      kind: 'revocation',
      reason: '弄虚作假',
    })
    wrapper.unmount()
  })
})
