import { describe, expect, it } from 'vitest'

import { characterClasses, passwordProblems } from '@/utils/password'

describe('password policy (mirrors the server)', () => {
  it('accepts 12+ characters of three classes without the username', () => {
    expect(passwordProblems('Beijing-2024x', 'wang')).toEqual([])
    expect(passwordProblems('beijing2024!!', 'wang')).toEqual([])
  })

  it('names every broken rule', () => {
    expect(passwordProblems('Short1!', 'wang')).toEqual(['length'])
    expect(passwordProblems('onlylowercaseletters', 'wang')).toEqual(['classes'])
    expect(passwordProblems('Wang-Beijing-2024', 'wang')).toEqual(['username'])
    expect(passwordProblems('', 'wang')).toEqual(['length', 'classes'])
  })

  it('counts character classes', () => {
    expect(characterClasses('aA1!')).toBe(4)
    expect(characterClasses('密码密码')).toBe(1)
  })
})
