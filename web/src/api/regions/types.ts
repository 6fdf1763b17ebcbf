import type { PageQuery, Paged } from '../types'

export type RegionLevel = 'city' | 'district' | 'street' | 'community'

/** A node named only: ancestors, a community's street and district. */
export interface RegionRef {
  code: string
  name: string
  level?: RegionLevel
}

export interface RegionSummary {
  code: string
  name: string
  level: RegionLevel
  parent_code: string
  children_count: number
  /** Present on communities. */
  pilot?: boolean
  /** Present on communities: 居委会, 村委会 or 其他. */
  kind?: string
}

export interface RegionListResponse {
  items: RegionSummary[]
}

export interface Region {
  code: string
  name: string
  level: RegionLevel
  parent_code: string
  pilot?: boolean
}

export interface RegionDetailResponse {
  region: Region
  /** From the city down to the parent. */
  ancestors: RegionRef[]
  children: Paged<RegionSummary>
}

export interface RegionChildrenQuery extends PageQuery {
  /** Search children by name. */
  q?: string
}

export interface Community {
  code: string
  name: string
  level: 'community'
  /** 居委会 (residents' committee), 村委会 (village committee) or 其他. */
  kind: string
  /** 首批试点 (第九条). */
  pilot: boolean
  street: RegionRef
  district: RegionRef
}

/** The path of a search hit, as text ("北京市 / 东城区 / …") or as the list of ancestors. */
export type RegionPath = string | ReadonlyArray<string | RegionRef>

export interface RegionSearchItem {
  code: string
  name: string
  level: RegionLevel
  path: RegionPath
}

export interface RegionSearchQuery extends PageQuery {
  q: string
}

export type RegionSearchResponse = Paged<RegionSearchItem>
