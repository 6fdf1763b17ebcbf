import type { RouteLocationRaw } from 'vue-router'

import type { RegionLevel, RegionPath } from '@/api/regions/types'

/** Communities have their own page; every other node lists its children. */
export function regionRoute(code: string, level: RegionLevel): RouteLocationRaw {
  return level === 'community'
    ? { name: 'community', params: { code } }
    : { name: 'region', params: { code } }
}

/** A division code's level by its length: 110000 the city, 6 digits a district, 9 a street, 12 a community. */
export function levelOfCode(code: string): RegionLevel | null {
  if (!/^\d+$/.test(code)) return null
  if (code.length === 12) return 'community'
  if (code.length === 9) return 'street'
  if (code.length === 6) return code.endsWith('0000') ? 'city' : 'district'
  return null
}

/** The i18n key of a community's kind (居委会/村委会/其他); null for a kind the console does not know. */
export function kindKey(kind: string | undefined): string | null {
  switch (kind) {
    case '居委会':
      return 'regions.kinds.residents'
    case '村委会':
      return 'regions.kinds.village'
    case '其他':
      return 'regions.kinds.other'
    default:
      return null
  }
}

export function pathText(path: RegionPath): string {
  if (typeof path === 'string') return path
  return path.map((part) => (typeof part === 'string' ? part : part.name)).join(' / ')
}

/**
 * Where a search hit sits, as text: the server's `path` when it sends one; else what the console
 * knows without asking again: the district's name (division codes begin with the district's six
 * digits) and, below a street, the parent's code.
 */
export function parentText(
  hit: { code: string; level: RegionLevel; parent_code: string | null; path?: RegionPath },
  districtNames: ReadonlyMap<string, string>,
): string {
  if (hit.path !== undefined) return pathText(hit.path)
  if (hit.level === 'city' || hit.level === 'district') return hit.parent_code ?? ''
  const district = districtNames.get(hit.code.slice(0, 6))
  if (hit.level === 'street') return district ?? hit.parent_code ?? ''
  return [district, hit.parent_code].filter(Boolean).join(' / ')
}

/** Reads a positive integer from a route query value. */
export function queryInt(value: unknown, fallback: number): number {
  const text = Array.isArray(value) ? (value[0] as unknown) : value
  const parsed = typeof text === 'string' ? Number.parseInt(text, 10) : Number.NaN
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback
}

export function queryText(value: unknown): string {
  const text = Array.isArray(value) ? (value[0] as unknown) : value
  return typeof text === 'string' ? text : ''
}

export const PAGE_SIZES = [20, 50, 100, 200]
