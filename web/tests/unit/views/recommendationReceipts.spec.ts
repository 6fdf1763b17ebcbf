import { describe, expect, it } from 'vitest'

import type { DistrictPackage } from '@/api/workflow/types'
import {
  canAcknowledge,
  receiptProgress,
  receiptRows,
  seesRecommendations,
} from '@/views/Workflow/receipts'

function pkg(patch: Partial<DistrictPackage>): DistrictPackage {
  return {
    district_code: '110101',
    district: '东城区',
    applications: [
      {
        id: 5,
        round_id: 1,
        community_code: '110101001001',
        community_name: '多福巷社区',
        street_code: '110101001',
        district_code: '110101',
        current_star: 0,
        target_star: 3,
        state: 'recommended',
        state_label: '已推荐至市级',
        recommendation_rank: 1,
        decided_star: null,
        submitted_at: '2026-10-20T10:00:00+08:00',
        updated_at: '2026-11-10T10:00:00+08:00',
        version: 7,
      },
    ],
    receipts: [],
    complete: false,
    ...patch,
  }
}

const econItReceipt = {
  role: 'city_econ_it' as const,
  role_label: '市经济信息化委',
  username: 'city_econ_it',
  at: '2026-11-16T09:00:00+08:00',
}

describe('recommendation receipts', () => {
  it('lists the three city departments in the measures’ order with their receipts', () => {
    const rows = receiptRows(pkg({ receipts: [econItReceipt] }))
    expect(rows.map((r) => r.role)).toEqual(['city_social', 'city_econ_it', 'city_civil'])
    expect(rows[0]?.receipt).toBeNull()
    expect(rows[1]?.receipt).toEqual(econItReceipt)
    expect(receiptProgress(pkg({ receipts: [econItReceipt] }))).toBe('1/3')
    expect(receiptProgress(pkg({}))).toBe('0/3')
  })

  it('lets each city department acknowledge once, and nobody else', () => {
    const signed = pkg({ receipts: [econItReceipt] })
    expect(canAcknowledge(signed, 'city_social')).toBe(true)
    expect(canAcknowledge(signed, 'city_econ_it')).toBe(false)
    expect(canAcknowledge(signed, 'district_social')).toBe(false)
    expect(canAcknowledge(signed, 'community')).toBe(false)
    expect(canAcknowledge(signed, null)).toBe(false)
    expect(canAcknowledge(pkg({ applications: [] }), 'city_civil')).toBe(false)
  })

  it('shows the packages to the district and city departments only', () => {
    expect(seesRecommendations('district_it')).toBe(true)
    expect(seesRecommendations('city_civil')).toBe(true)
    expect(seesRecommendations('street')).toBe(false)
    expect(seesRecommendations('evaluator')).toBe(false)
    expect(seesRecommendations(null)).toBe(false)
  })
})
