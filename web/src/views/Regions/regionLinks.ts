import type { RouteLocationRaw } from 'vue-router'

import type { RegionLevel, RegionPath } from '@/api/regions/types'

/** Communities have their own page; every other node lists its children. */
export function regionRoute(code: string, level: RegionLevel): RouteLocationRaw {
  return level === 'community'
    ? { name: 'community', params: { code } }
    : { name: 'region', params: { code } }
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
