import { beforeEach, describe, expect, it } from 'vitest'

import { ApiError } from '@/api/http'
import { i18n } from '@/i18n'
import { describeError } from '@/utils/errors'

describe('describeError', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
  })

  it('prefers the server detail', () => {
    expect(
      describeError(
        new ApiError({ status: 422, detail: '已过申报截止时间', code: 'deadline_passed' }),
      ),
    ).toBe('已过申报截止时间')
  })

  it('says something readable for a bare status', () => {
    expect(describeError(new ApiError({ status: 403 }))).toBe('当前角色无权进行此操作')
    expect(describeError(new ApiError({ status: 418 }))).toBe('请求失败（HTTP 418）')
  })

  it('adds the request id to server faults', () => {
    expect(
      describeError(new ApiError({ status: 500, title: '服务器内部错误', request_id: 'r-1' })),
    ).toBe('服务器内部错误（请求编号：r-1）')
  })

  it('names a network failure, in the chosen language', () => {
    expect(describeError(new ApiError({ status: 0, code: 'network_error' }))).toBe(
      '无法连接服务器，请检查网络后重试',
    )
    i18n.global.locale.value = 'en'
    expect(describeError(new ApiError({ status: 0, code: 'network_error' }))).toMatch(
      /Cannot reach the server/,
    )
  })

  it('says nothing for an abort and something generic for a bug', () => {
    expect(describeError(new DOMException('aborted', 'AbortError'))).toBe('')
    expect(describeError(new TypeError('x is undefined'))).toBe('页面出现意外错误，请刷新后重试')
  })
})
