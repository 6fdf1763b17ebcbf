import { http } from '../http'
import type {
  Community,
  RegionChildrenQuery,
  RegionDetailResponse,
  RegionListResponse,
  RegionSearchQuery,
  RegionSearchResponse,
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
  return http.get<RegionSearchResponse>('/api/v1/regions/search', { ...query })
}
