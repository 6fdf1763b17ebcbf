import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { SessionUser } from '@/api/session/types'
import { i18n } from '@/i18n'
import * as feedback from '@/utils/feedback'
import AccountPage from '@/views/Account/AccountPage.vue'
import { jsonResponse, problemResponse, routeFetch } from '../helpers'

const ME: SessionUser = {
  id: 7,
  username: 'dc_community',
  name: '多福巷社区（演示）',
  role: 'community',
  org_code: '110101001001',
  org_name: '多福巷社区居委会',
  email: '',
}

function meAnswer(user: SessionUser) {
  return () => jsonResponse({ user, csrf_token: 'csrf', mfa_enforced: false })
}

function field(wrapper: ReturnType<typeof mount>) {
  return wrapper.find<HTMLInputElement>('input#account-email')
}

/** The message the e-mail field shows (Element Plus renders it after a transition). */
function emailError(wrapper: ReturnType<typeof mount>): string {
  return String(wrapper.findComponent({ name: 'ElFormItem' }).props('error') ?? '')
}

async function mountPage() {
  const wrapper = mount(AccountPage, { global: { plugins: [i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('AccountPage', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    document.body.innerHTML = ''
  })

  it('shows who is signed in and saves a valid address for oneself', async () => {
    vi.spyOn(feedback, 'notifySuccess').mockImplementation(() => {})
    const { fn, calls } = routeFetch({
      'GET /api/v1/me': meAnswer(ME),
      'PUT /api/v1/users/7/email': (_url, init) =>
        jsonResponse({ ...ME, ...JSON.parse(init.body as string), disabled: false }),
    })
    vi.stubGlobal('fetch', fn)
    const wrapper = await mountPage()
    const profile = wrapper.find('[data-test="account-profile"]').text()
    for (const text of ['dc_community', '多福巷社区（演示）', '社区工作人员', '110101001001']) {
      expect(profile).toContain(text)
    }
    expect(wrapper.find('[data-test="account-current-email"]').text()).toBe('未设置')
    // Nothing to clear yet.
    expect(wrapper.find('[data-test="account-clear"]').attributes('disabled')).toBeDefined()

    await field(wrapper).setValue(' dc.worker@example.cn ')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const put = calls.find((call) => call.init.method === 'PUT')!
    expect(JSON.parse(put.init.body as string)).toEqual({ email: 'dc.worker@example.cn' })
    expect(wrapper.find('[data-test="account-current-email"]').text()).toBe('dc.worker@example.cn')
    expect(feedback.notifySuccess).toHaveBeenCalledWith('电子邮箱已保存')
    wrapper.unmount()
    // The first mount loads Element Plus: slow on a loaded machine.
  }, 30000)

  it('refuses a malformed or empty address without asking the server', async () => {
    const { fn, calls } = routeFetch({ 'GET /api/v1/me': meAnswer(ME) })
    vi.stubGlobal('fetch', fn)
    const wrapper = await mountPage()
    await field(wrapper).setValue('not an address')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('.el-form-item').classes()).toContain('is-error')
    expect(emailError(wrapper)).toContain('电子邮箱格式不正确')

    await field(wrapper).setValue('')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(emailError(wrapper)).toContain('如要清除，请点击“清除邮箱”')
    expect(calls.filter((call) => call.init.method === 'PUT')).toHaveLength(0)
    wrapper.unmount()
  })

  it('shows the server problem and clears only after confirmation', async () => {
    const confirm = vi.spyOn(feedback, 'confirmAction').mockResolvedValueOnce(false)
    vi.spyOn(feedback, 'notifySuccess').mockImplementation(() => {})
    let answer = () =>
      problemResponse(503, { title: '服务暂不可用', detail: '数据库繁忙，请稍后重试' })
    const { fn, calls } = routeFetch({
      'GET /api/v1/me': meAnswer({ ...ME, email: 'dc@example.cn' }),
      'PUT /api/v1/users/7/email': () => answer(),
    })
    vi.stubGlobal('fetch', fn)
    const wrapper = await mountPage()
    expect(field(wrapper).element.value).toBe('dc@example.cn')

    await wrapper.find('[data-test="account-clear"]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(calls.filter((call) => call.init.method === 'PUT')).toHaveLength(0)

    confirm.mockResolvedValueOnce(true)
    await wrapper.find('[data-test="account-clear"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[role="alert"]').text()).toContain('数据库繁忙，请稍后重试')
    expect(wrapper.find('[data-test="account-current-email"]').text()).toBe('dc@example.cn')

    answer = () => jsonResponse({ ...ME, email: '', disabled: false, locked_until: null })
    confirm.mockResolvedValueOnce(true)
    await wrapper.find('[data-test="account-clear"]').trigger('click')
    await flushPromises()
    const puts = calls.filter((call) => call.init.method === 'PUT')
    expect(JSON.parse(puts[puts.length - 1]!.init.body as string)).toEqual({ email: '' })
    expect(wrapper.find('[data-test="account-current-email"]').text()).toBe('未设置')
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
