import { describe, expect, it } from 'vitest'

import { XLSX_MEDIA_TYPE } from '@/api/standards'
import type { SimulationChange, StarRules } from '@/api/standards/types'
import { csvField, toCsv } from '@/utils/csv'
import {
  changedThresholds,
  changesCsv,
  direction,
  draftFromFile,
  filterChanges,
  pageOf,
  rulesWithThresholds,
  totals,
} from '@/views/Standards/revisions/simulation'

const RULES: StarRules = {
  count: 'constraint',
  max_star: 3,
  levels: [
    { star: 3, min: 26, requires: ['mechanism'], current_star_in: [2] },
    { star: 2, min: 15, requires: ['mechanism'] },
    { star: 1, min: 10, requires: [] },
  ],
}

const change = (code: string, district: string, from: number, to: number): SimulationChange => ({
  community_code: code,
  community_name: `社区${code.slice(-3)}`,
  district_code: district,
  from,
  to,
  dropped_codes: 0,
})

describe('standard revisions: the draft', () => {
  it('takes .xlsx and .json files by their extension and refuses others', () => {
    const xlsx = draftFromFile(new File(['PK'], '标准.XLSX'))
    expect(xlsx).toMatchObject({ kind: 'file', name: '标准.XLSX', mediaType: XLSX_MEDIA_TYPE })
    expect(draftFromFile(new File(['{}'], 'draft.json'))).toMatchObject({
      mediaType: 'application/json',
    })
    expect(draftFromFile(new File(['a'], 'draft.csv'))).toBeNull()
    expect(draftFromFile(new File(['a'], 'xlsx'))).toBeNull()
  })

  it('changes only the thresholds, keeping every other rule', () => {
    const rules = rulesWithThresholds(RULES, { 3: 24, 1: 10 })
    expect(rules.levels.map((l) => l.min)).toEqual([24, 15, 10])
    expect(rules.levels[0]).toEqual({ ...RULES.levels[0], min: 24 })
    expect(rules.count).toBe('constraint')
    expect(RULES.levels[0]!.min).toBe(26)
    expect(changedThresholds(RULES, { 3: 24, 2: 15, 1: 10 })).toEqual([3])
    expect(changedThresholds(RULES, { 3: 26, 2: 15, 1: 10 })).toEqual([])
  })
})

describe('standard revisions: the simulation', () => {
  const changes = [
    change('110108001001', '110108', 1, 2),
    change('110101001002', '110101', 3, 2),
    change('110101001001', '110101', 2, 0),
    change('110102001001', '110102', 0, 1),
  ]

  it('puts the communities going down first, then up, each by district and code', () => {
    expect(direction(changes[0]!)).toBe('up')
    expect(direction(changes[2]!)).toBe('down')
    expect(filterChanges(changes, 'all').map((c) => c.community_code)).toEqual([
      '110101001001',
      '110101001002',
      '110102001001',
      '110108001001',
    ])
    expect(filterChanges(changes, 'up').map((c) => c.community_code)).toEqual([
      '110102001001',
      '110108001001',
    ])
    expect(filterChanges(changes, 'down')).toHaveLength(2)
  })

  it('pages a table held in the browser', () => {
    const items = Array.from({ length: 45 }, (_, i) => i)
    expect(pageOf(items, 1, 20)).toHaveLength(20)
    expect(pageOf(items, 3, 20)).toEqual([40, 41, 42, 43, 44])
    expect(pageOf(items, 4, 20)).toEqual([])
    expect(pageOf(items, 0, 20)[0]).toBe(0)
  })

  it('sums the districts', () => {
    expect(
      totals({
        districts: [
          { district_code: '110101', communities: 5, up: 1, down: 2, same: 2 },
          { district_code: '110108', communities: 3, up: 0, down: 1, same: 2 },
        ],
      }),
    ).toEqual({ up: 1, down: 3, same: 4 })
  })

  it('exports the changes as CSV that Excel opens, names for codes, no formulas', () => {
    const text = changesCsv(
      [
        change('110101001001', '110101', 2, 0),
        { ...change('110108001001', '110108', 1, 2), community_name: '=HYPERLINK("x")' },
      ],
      new Map([['110101', '东城区']]),
      {
        header: ['代码', '社区', '区', '现', '后', '变化', '减少'],
        up: '上升',
        down: '下降',
        none: '无',
      },
    )
    expect(text.startsWith('\uFEFF代码,社区,区,现,后,变化,减少\r\n')).toBe(true)
    const lines = text.slice(1).trimEnd().split('\r\n')
    expect(lines[1]).toBe('110101001001,社区001,东城区,2,无,下降,0')
    expect(lines[2]).toBe('110108001001,"\'=HYPERLINK(""x"")",110108,1,2,上升,0')
  })

  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('说"明"')).toBe('"说""明"""')
    expect(csvField('x\ny')).toBe('"x\ny"')
    expect(csvField(-3)).toBe('-3')
    expect(csvField('-3')).toBe("'-3")
    expect(toCsv(['a'], [])).toBe('\uFEFFa\r\n')
  })
})
