import { describe, expect, it } from 'vitest'

import type { Comment, SpotCheck } from '@/api/notice/types'
import {
  byDistrict,
  commentNeedsWork,
  drawParameters,
  isCityRole,
  isFinalizeRefusal,
  lowerStars,
  pendingComments,
  pendingSpotChecks,
  splitSeconds,
} from '@/views/Notice/rules'

function comment(patch: Partial<Comment>): Comment {
  return {
    id: 1,
    round_id: 1,
    application_id: 1,
    community_code: '110101001001',
    community_name: '多福巷社区居委会',
    content: '',
    name: '',
    phone: '138****8000',
    created_at: '2026-12-01T10:00:00+08:00',
    moderation: 'pending',
    disposition: null,
    response: '',
    disposed_by: '',
    disposed_at: null,
    ...patch,
  }
}

describe('notice rules', () => {
  it('offers only lower stars, then 0 (撤销拟认定)', () => {
    expect(lowerStars(3)).toEqual([2, 1, 0])
    expect(lowerStars(1)).toEqual([0])
    expect(lowerStars(5)).toEqual([4, 3, 2, 1, 0])
  })

  it('splits the seconds left into days, hours and minutes', () => {
    expect(splitSeconds(7 * 86_400)).toEqual({ days: 7, hours: 0, minutes: 0 })
    expect(splitSeconds(90_061)).toEqual({ days: 1, hours: 1, minutes: 1 })
    expect(splitSeconds(-5)).toEqual({ days: 0, hours: 0, minutes: 0 })
  })

  it('counts the comments that still need a moderation or a disposition', () => {
    const items = [
      comment({ moderation: 'pending' }),
      comment({ moderation: 'accepted' }),
      comment({ moderation: 'accepted', disposition: 'dismissed' }),
      comment({ moderation: 'spam' }),
    ]
    expect(items.map(commentNeedsWork)).toEqual([true, true, false, false])
    expect(pendingComments(items)).toBe(2)
  })

  it('counts the spot checks without a result', () => {
    const checks = [{ passed: null }, { passed: true }, { passed: false }] as SpotCheck[]
    expect(pendingSpotChecks(checks)).toBe(1)
  })

  it('reads the draw form: per district or a rate in percent', () => {
    expect(drawParameters('per_district', 2, 0)).toEqual({ per_district: 2 })
    expect(drawParameters('per_district', 0, 0)).toEqual({ per_district: 1 })
    expect(drawParameters('rate', 0, 20)).toEqual({ rate: 0.2 })
    expect(drawParameters('rate', 0, 150)).toEqual({ rate: 1 })
  })

  it('knows the finalize refusals and the city roles', () => {
    expect(isFinalizeRefusal('notice_running')).toBe(true)
    expect(isFinalizeRefusal('not_eligible')).toBe(false)
    expect(isCityRole('city_civil')).toBe(true)
    expect(isCityRole('district_social')).toBe(false)
    expect(isCityRole(null)).toBe(false)
  })

  it('groups by district in code order', () => {
    const groups = byDistrict([
      { district_code: '110105', n: 1 },
      { district_code: '110101', n: 2 },
      { district_code: '110105', n: 3 },
    ])
    expect(groups.map(([code, items]) => [code, items.length])).toEqual([
      ['110101', 1],
      ['110105', 2],
    ])
  })
})
