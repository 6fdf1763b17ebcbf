import { describe, expect, it } from 'vitest'

import { levelOfCode, parentText, pathText } from '@/views/Regions/regionLinks'

const districts = new Map([['110101', '东城区']])

describe('where a region search hit sits', () => {
  it('uses the path the server sends, as text or as ancestors', () => {
    expect(pathText('北京市 / 东城区')).toBe('北京市 / 东城区')
    const hit = {
      code: '110101001001',
      level: 'community' as const,
      parent_code: '110101001',
      path: [
        { code: '110000', name: '北京市' },
        { code: '110101', name: '东城区' },
        { code: '110101001', name: '东华门街道' },
      ],
    }
    expect(parentText(hit, districts)).toBe('北京市 / 东城区 / 东华门街道')
  })

  it('names the district from the district list when the server sends no path', () => {
    expect(
      parentText({ code: '110101001', level: 'street', parent_code: '110101' }, districts),
    ).toBe('东城区')
    expect(
      parentText({ code: '110101001001', level: 'community', parent_code: '110101001' }, districts),
    ).toBe('东城区 / 110101001')
    expect(
      parentText({ code: '110101', level: 'district', parent_code: '110000' }, districts),
    ).toBe('110000')
  })

  it('falls back to the parent code for a district it does not know', () => {
    expect(
      parentText({ code: '110108001001', level: 'community', parent_code: '110108001' }, districts),
    ).toBe('110108001')
  })
})

describe('a division code’s level', () => {
  it('follows the code’s length', () => {
    expect(levelOfCode('110000')).toBe('city')
    expect(levelOfCode('110101')).toBe('district')
    expect(levelOfCode('110101001')).toBe('street')
    expect(levelOfCode('110101001001')).toBe('community')
    expect(levelOfCode('1101')).toBeNull()
    expect(levelOfCode('abc')).toBeNull()
  })
})
