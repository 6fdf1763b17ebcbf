import { describe, expect, it } from 'vitest'

import { isValidEmail } from '@/utils/email'

describe('isValidEmail', () => {
  it('accepts plain addresses', () => {
    for (const ok of ['zhangsan@example.cn', 'li.si+huixing@mail.bj.gov.cn', 'a@b.co']) {
      expect(isValidEmail(ok), ok).toBe(true)
    }
  })

  it('refuses what the server refuses', () => {
    for (const bad of [
      '',
      'zhangsan',
      '@example.cn',
      'zhangsan@',
      'zhangsan@localhost',
      'zhang san@example.cn',
      'zhang..san@example.cn',
      '.zhang@example.cn',
      'zhangsan@-example.cn',
      '张三@example.cn',
      'a@b@example.cn',
      'x@example.cn\r\nBcc: y@example.cn',
      `${'a'.repeat(65)}@example.cn`,
    ]) {
      expect(isValidEmail(bad), bad).toBe(false)
    }
  })
})
