import type { RegionSearchQuery } from '@/api/regions/types'
import { queryInt, queryText } from '@/views/Regions/regionLinks'

/** The pilot page's state as the address bar holds it (so a search can be bookmarked). */
export interface PilotFilters {
  q: string
  /** 只看试点社区: on unless the address says `pilot=0`. */
  pilotOnly: boolean
  page: number
  pageSize: number
}

export function filtersFromQuery(query: Record<string, unknown>): PilotFilters {
  return {
    q: queryText(query.q).trim(),
    pilotOnly: queryText(query.pilot) !== '0',
    page: queryInt(query.page, 1),
    pageSize: queryInt(query.page_size, 20),
  }
}

export function queryFromFilters(filters: PilotFilters): Record<string, string> {
  const out: Record<string, string> = {
    page: String(filters.page),
    page_size: String(filters.pageSize),
  }
  if (filters.q) out.q = filters.q
  if (!filters.pilotOnly) out.pilot = '0'
  return out
}

/**
 * The search to run, or null when there is nothing to ask: every community would be too many,
 * so without the pilot filter a name is needed. Only communities can be pilots, so the search
 * keeps to that level.
 */
export function searchFor(filters: PilotFilters): RegionSearchQuery | null {
  if (!filters.pilotOnly && !filters.q) return null
  return {
    q: filters.q,
    level: 'community',
    pilot: filters.pilotOnly || undefined,
    page: filters.page,
    page_size: filters.pageSize,
  }
}
