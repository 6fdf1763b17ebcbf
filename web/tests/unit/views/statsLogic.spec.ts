import { describe, expect, it } from 'vitest'

import type { PlanRow } from '@/api/plans/types'
import type { CoverageRow, IndicatorRate } from '@/api/stats/types'
import {
  coverageMapData,
  districtCodesByMapName,
  hardestIndicators,
  pageOf,
  percent,
  planByDistrict,
  planByYear,
  yearOf,
  yearOptions,
} from '@/views/Stats/stats'

function coverage(code: string, name: string, communities: number, certified: number): CoverageRow {
  return { code, name, communities, certified, coverage: communities ? certified / communities : 0 }
}

function plan(year: number, code: string, planned: number | null, certified: number): PlanRow {
  return {
    year,
    district_code: code,
    district: `区${code}`,
    planned,
    certified,
    rate: null,
    note: '',
  }
}

function indicator(code: string, claimed: number, verified: number | null): IndicatorRate {
  return {
    code,
    title: `指标${code}`,
    kind: 'constraint',
    life_elements: [],
    claimed: 0,
    verified: 0,
    claimed_share: claimed,
    verified_share: verified,
  }
}

describe('stats: numbers', () => {
  it('writes ratios as percentages and a missing one as a dash', () => {
    expect(percent(0.1234)).toBe('12.3%')
    expect(percent(1)).toBe('100.0%')
    expect(percent(0)).toBe('0.0%')
    expect(percent(null)).toBe('—')
    expect(percent(Number.NaN)).toBe('—')
  })

  it('cuts pages from 1', () => {
    const rows = [1, 2, 3, 4, 5]
    expect(pageOf(rows, 1, 2)).toEqual([1, 2])
    expect(pageOf(rows, 3, 2)).toEqual([5])
    expect(pageOf(rows, 4, 2)).toEqual([])
  })

  it('accepts years in 2000–2100 only', () => {
    expect(yearOf('2015')).toBe(2015)
    expect(yearOf(['2014'])).toBe(2014)
    expect(yearOf('1999')).toBeUndefined()
    expect(yearOf('20x5')).toBeUndefined()
    expect(yearOf(undefined)).toBeUndefined()
    expect(yearOptions(new Date(2026, 5, 1), 2024)).toEqual([2027, 2026, 2025, 2024])
  })
})

describe('stats: the map', () => {
  const districts = [coverage('110101', '东城区', 200, 50), coverage('110118', '密云区', 400, 0)]

  it('maps the GeoJSON names to division codes, with or without the 区/县 suffix', () => {
    const codes = districtCodesByMapName(['东城区', '密云县', '上海市'], districts)
    expect(codes.get('东城区')).toBe('110101')
    expect(codes.get('密云县')).toBe('110118')
    expect(codes.has('上海市')).toBe(false)
  })

  it('colours each district by its coverage in percent and keeps the counts', () => {
    expect(coverageMapData(['东城区', '密云区', '延庆区'], districts)).toEqual([
      { name: '东城区', code: '110101', value: 25, communities: 200, certified: 50 },
      { name: '密云区', code: '110118', value: 0, communities: 400, certified: 0 },
    ])
  })
})

describe('stats: plans and indicators', () => {
  const rows = [
    plan(2015, '110105', 100, 80),
    plan(2014, '110101', 30, 35),
    plan(2015, '110101', null, 12),
    plan(2014, '110105', 50, 40),
  ]

  it('sums plan against result by year', () => {
    expect(planByYear(rows)).toEqual({
      labels: ['2014', '2015'],
      planned: [80, 100],
      certified: [75, 92],
    })
  })

  it('sums plan against result by district, for one year or all', () => {
    expect(planByDistrict(rows, 2015)).toEqual({
      labels: ['区110101', '区110105'],
      planned: [0, 100],
      certified: [12, 80],
    })
    expect(planByDistrict(rows).planned).toEqual([30, 150])
  })

  it('ranks the hardest indicators by the verified rate, else the self-assessed one', () => {
    const items = [
      indicator('3', 0.9, 0.2),
      indicator('1', 0.5, null),
      indicator('10', 0.1, 0.95),
      indicator('2', 0.5, null),
    ]
    expect(hardestIndicators(items, 3).map((i) => i.code)).toEqual(['3', '1', '2'])
  })
})
