import type { RegionSummary } from '@/api/regions/types'
import type { SummaryRow } from '@/api/stats/types'

/**
 * Coverage by street for a district's home page. echarts 4.9.0's Beijing map has district
 * boundaries only, so the streets are a bar chart beside the map rather than a map of their own.
 */
export interface StreetCoverage {
  code: string
  name: string
  /** Communities (村) of the street in the division tree. */
  communities: number
  /** Certifications in force (valid or under rectification) in the street's communities. */
  certified: number
  /** certified ÷ communities, 0–1, capped at 1; 0 without communities. */
  coverage: number
}

/**
 * Each street of the district with its coverage: the communities from the division tree (each
 * street's `children_count`), the titles in force from the statistics summary (its `active`
 * count by street, every year and star). A higher star supersedes the lower one, so a community
 * holds at most one title in force and the count is a count of communities.
 */
export function streetCoverage(
  streets: readonly Pick<RegionSummary, 'code' | 'name' | 'children_count'>[],
  rows: readonly Pick<SummaryRow, 'street_code' | 'active'>[],
): StreetCoverage[] {
  const active = new Map<string, number>()
  for (const row of rows)
    active.set(row.street_code, (active.get(row.street_code) ?? 0) + row.active)
  return streets
    .map((street) => {
      const certified = active.get(street.code) ?? 0
      const communities = street.children_count
      const coverage = communities > 0 ? Math.min(1, certified / communities) : 0
      return { code: street.code, name: street.name, communities, certified, coverage }
    })
    .sort((a, b) => b.coverage - a.coverage || a.code.localeCompare(b.code))
}

/** The streets' totals: the district's own figures as the streets add up. */
export function streetTotals(streets: readonly StreetCoverage[]): {
  communities: number
  certified: number
  covered: number
} {
  return {
    communities: streets.reduce((sum, s) => sum + s.communities, 0),
    certified: streets.reduce((sum, s) => sum + s.certified, 0),
    covered: streets.filter((s) => s.certified > 0).length,
  }
}
