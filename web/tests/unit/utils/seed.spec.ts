import { describe, expect, it } from 'vitest'

import { isSha256Hex, randomSeed, sha256Hex } from '@/utils/seed'

describe('spot-check seed', () => {
  it('hashes like sha256sum (the server checks the same digest)', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })

  it('makes a fresh 64-hex-digit seed each time', () => {
    const a = randomSeed()
    const b = randomSeed()
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(a).not.toBe(b)
    expect(randomSeed(16)).toHaveLength(32)
  })

  it('recognises a SHA-256 in hex', () => {
    expect(isSha256Hex('A'.repeat(64))).toBe(true)
    expect(isSha256Hex('a'.repeat(63))).toBe(false)
    expect(isSha256Hex('g'.repeat(64))).toBe(false)
  })
})
