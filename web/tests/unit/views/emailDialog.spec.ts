import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { UserAccount } from '@/api/users/types'
import { i18n } from '@/i18n'
import EmailDialog from '@/views/Users/components/EmailDialog.vue'
import { jsonResponse, problemResponse, routeFetch } from '../helpers'

const USER: UserAccount = {
  id: 7,
  username: 'dc_community',
  name: '多福巷社区（演示）',
  role: 'community',
  org_code: '110101001001',
  org_name: '多福巷社区居委会',
  email: 'd***@example.cn',
  disabled: false,
  locked_until: null,
}

function field(): HTMLInputElement {
  return document.body.querySelector<HTMLInputElement>('.email-dialog input#edit-email')!
}

function save(): void {
  ;[...document.body.querySelectorAll<HTMLButtonElement>('.email-dialog button')]
    .find((button) => button.textContent?.trim() === '保存')!
    .click()
}

async function open(user: UserAccount) {
  const wrapper = mount(EmailDialog, {
    props: { modelValue: false, user },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}

describe('EmailDialog', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('never puts a masked address into the field, refuses a malformed one, then saves', async () => {
    const { fn, calls } = routeFetch({
      'PUT /api/v1/users/7/email': () => jsonResponse({ ...USER, email: 'd***@example.cn' }),
    })
    vi.stubGlobal('fetch', fn)
    const wrapper = await open(USER)
    expect(field().value).toBe('')
    expect(document.body.textContent).toContain('d***@example.cn')

    field().value = 'not an address'
    field().dispatchEvent(new Event('input'))
    save()
    await flushPromises()
    expect(calls).toHaveLength(0)
    expect(document.body.querySelector('.email-dialog .el-form-item')!.classList).toContain(
      'is-error',
    )

    field().value = 'dc.new@example.cn'
    field().dispatchEvent(new Event('input'))
    save()
    await flushPromises()
    expect(calls).toHaveLength(1)
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ email: 'dc.new@example.cn' })
    expect(wrapper.emitted('done')).toHaveLength(1)
    wrapper.unmount()
    // The first mount loads Element Plus's dialog: slow on a loaded machine.
  }, 30000)

  it('shows the server field error under the field', async () => {
    const { fn } = routeFetch({
      'PUT /api/v1/users/7/email': () =>
        problemResponse(400, {
          title: '请求有误',
          detail: '电子邮箱格式不正确',
          errors: [{ field: 'email', message: '电子邮箱格式不正确，应如 zhangsan@example.cn' }],
        }),
    })
    vi.stubGlobal('fetch', fn)
    const wrapper = await open({ ...USER, email: 'dc@example.cn' })
    expect(field().value).toBe('dc@example.cn')
    save()
    await flushPromises()
    // On the field, not as a general alert.
    expect(document.body.querySelector('.email-dialog .el-form-item')!.classList).toContain(
      'is-error',
    )
    expect(document.body.querySelector('.email-dialog .el-alert')).toBeNull()
    expect(wrapper.emitted('done')).toBeUndefined()
    wrapper.unmount()
  })
})
