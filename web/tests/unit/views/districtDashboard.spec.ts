import { describe, expect, it } from 'vitest'

import { streetCoverage, streetTotals } from '@/views/Home/districtDashboard'

const STREETS = [
  { code: '110101001', name: '东华门街道', children_count: 4 },
  { code: '110101002', name: '景山街道', children_count: 5 },
  { code: '110101003', name: '交道口街道', children_count: 0 },
  { code: '110101004', name: '安定门街道', children_count: 2 },
]

describe('district home: coverage by street', () => {
  it('adds the titles in force of every year and star by street, best covered first', () => {
    const rows = [
      { street_code: '110101001', active: 1 },
      { street_code: '110101001', active: 2 },
      { street_code: '110101002', active: 1 },
      { street_code: '110101004', active: 1 },
      // A street the tree no longer has counts nowhere.
      { street_code: '110101099', active: 7 },
    ]
    const streets = streetCoverage(STREETS, rows)
    expect(streets.map((s) => [s.name, s.certified, s.communities, s.coverage])).toEqual([
      ['东华门街道', 3, 4, 0.75],
      ['安定门街道', 1, 2, 0.5],
      ['景山街道', 1, 5, 0.2],
      ['交道口街道', 0, 0, 0],
    ])
    expect(streetTotals(streets)).toEqual({ communities: 11, certified: 5, covered: 3 })
  })

  it('never shows more than full coverage, and ties keep code order', () => {
    const streets = streetCoverage(STREETS.slice(0, 2), [
      { street_code: '110101001', active: 9 },
      { street_code: '110101002', active: 5 },
    ])
    expect(streets.map((s) => [s.code, s.coverage])).toEqual([
      ['110101001', 1],
      ['110101002', 1],
    ])
  })
})
