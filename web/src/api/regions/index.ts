import { http } from '../http'
import type {
  Community,
  PilotRequest,
  RegionChildrenQuery,
  RegionDetailResponse,
  RegionListResponse,
  RegionSearchQuery,
  RegionSearchResponse,
  RegionSummary,
} from './types'

/** The districts within the caller's scope. */
export function listRegions(): Promise<RegionListResponse> {
  return http.get<RegionListResponse>('/api/v1/regions')
}

export function getRegion(
  code: string,
  query: RegionChildrenQuery = {},
): Promise<RegionDetailResponse> {
  return http.get<RegionDetailResponse>(`/api/v1/regions/${encodeURIComponent(code)}`, { ...query })
}

export function getCommunity(code: string): Promise<Community> {
  return http.get<Community>(`/api/v1/communities/${encodeURIComponent(code)}`)
}

export function searchRegions(query: RegionSearchQuery): Promise<RegionSearchResponse> {
  // `pilot` goes out only when set: the server reads an absent filter as "any".
  const { pilot, ...rest } = query
  return http.get<RegionSearchResponse>('/api/v1/regions/search', {
    ...rest,
    pilot: pilot ? true : undefined,
  })
}

/** Marks or unmarks a pilot community (首批试点, 第九条); city_social only, audited. */
export function setPilot(code: string, pilot: boolean): Promise<RegionSummary> {
  return http.put<RegionSummary>(`/api/v1/communities/${encodeURIComponent(code)}/pilot`, {
    pilot,
  } satisfies PilotRequest)
}
