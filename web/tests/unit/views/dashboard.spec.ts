import { describe, expect, it } from 'vitest'

import type { ApplicationState, Round } from '@/api/workflow/types'
import { byDistrictAndStar, funnel, FUNNEL_STAGES, latestRound } from '@/views/Home/dashboard'

function states(...list: ApplicationState[]) {
  return list.map((state) => ({ state }))
}

describe('dashboard: the funnel', () => {
  it('counts an application in every stage up to the one it reached', () => {
    const counts = funnel(
      states('draft', 'submitted', 'street_approved', 'recommended', 'proposed', 'certified'),
    )
    expect(FUNNEL_STAGES).toHaveLength(7)
    expect(counts).toEqual([6, 5, 4, 3, 3, 2, 1])
  })

  it('places refusals where they happened', () => {
    expect(funnel(states('not_recommended'))).toEqual([1, 1, 1, 1, 0, 0, 0])
    expect(funnel(states('rejected'))).toEqual([1, 1, 1, 1, 1, 0, 0])
    expect(funnel(states('returned'))).toEqual([1, 1, 0, 0, 0, 0, 0])
    expect(funnel([])).toEqual([0, 0, 0, 0, 0, 0, 0])
  })

  it('shows the newest opened round, else the newest', () => {
    const round = (id: number, year: number, status: Round['status']) =>
      ({ id, year, status, created_at: `2026-0${id}-01T00:00:00+08:00` }) as Round
    expect(latestRound([round(1, 2025, 'closed'), round(2, 2026, 'open')])?.id).toBe(2)
    expect(latestRound([round(1, 2026, 'open'), round(2, 2026, 'draft')])?.id).toBe(1)
    expect(latestRound([round(3, 2027, 'draft')])?.id).toBe(3)
    expect(latestRound([])).toBeNull()
  })
})

describe('dashboard: certifications by district and star', () => {
  it('groups by district in code order and counts each star', () => {
    const rows = byDistrictAndStar([
      { district_code: '110105', district: '朝阳区', star: 3 },
      { district_code: '110101', district: '东城区', star: 1 },
      { district_code: '110105', district: '朝阳区', star: 3 },
      { district_code: '110105', district: '朝阳区', star: 5 },
    ])
    expect(rows.map((row) => row.name)).toEqual(['东城区', '朝阳区'])
    expect(rows[1]!.counts).toEqual([0, 0, 2, 0, 1])
    expect(rows[1]!.total).toBe(3)
  })
})
