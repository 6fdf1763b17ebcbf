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
  /** null for the city. */
  parent_code: string | null
  children_count: number
  /** Present on communities. */
  pilot?: boolean
  /** Present on communities: 居委会, 村委会 or 其他. */
  kind?: string
}

export interface RegionListResponse {
  items: RegionSummary[]
}

/** The node itself on its detail page: the server answers the same shape as a list entry. */
export type Region = RegionSummary

export interface RegionDetailResponse {
  region: Region
  /** From the city down to the parent. */
  ancestors: RegionSummary[]
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
  parent_code: string
  /** 居委会 (residents' committee), 村委会 (village committee) or 其他. */
  kind: string
  /** 首批试点 (第九条). */
  pilot: boolean
  street: RegionRef
  district: RegionRef
}

/** The path of a search hit, as text ("北京市 / 东城区 / …") or as the list of ancestors. */
export type RegionPath = string | ReadonlyArray<string | RegionRef>

/**
 * A search hit: the node as in a list. `path` (its ancestors) is not sent by the server yet;
 * until it is, the console names the district from the district list and shows the parent code.
 */
export interface RegionSearchItem extends RegionSummary {
  path?: RegionPath
}

export interface RegionSearchQuery extends PageQuery {
  /** Name fragment; required unless `pilot` is set. */
  q: string
  /** Only nodes of this level. */
  level?: Exclude<RegionLevel, 'city'>
  /** Only the pilot communities (首批试点, 第九条); `q` may then be empty. */
  pilot?: boolean
}

/** `PUT /api/v1/communities/{code}/pilot` (city_social): the community as a region. */
export interface PilotRequest {
  pilot: boolean
}

export type RegionSearchResponse = Paged<RegionSearchItem>
