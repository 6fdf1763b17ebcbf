import type { PlanRow } from '@/api/plans/types'
import type { CoverageRow, IndicatorRate } from '@/api/stats/types'

/** A 0–1 ratio as a percentage with one decimal; '—' when there is none (no plan, no evaluation). */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return `${(Math.round(value * 1000) / 10).toFixed(1)}%`
}

/** One page of a table held whole in the browser; `page` counts from 1. */
export function pageOf<T>(rows: readonly T[], page: number, pageSize: number): T[] {
  const start = Math.max(0, (page - 1) * pageSize)
  return rows.slice(start, start + pageSize)
}

/** 密云县 and 密云区 are one district: names compare without their 区/县 suffix. */
function bareName(name: string): string {
  return name.trim().replace(/(区|县)$/u, '')
}

/**
 * The district code of every name the map's GeoJSON uses, from the division tree's districts
 * (`/api/v1/regions` or the coverage rows, both code + name). A name the tree lacks is left out
 * (drawn grey on the map).
 */
export function districtCodesByMapName(
  mapNames: readonly string[],
  districts: readonly { code: string; name: string }[],
): Map<string, string> {
  const exact = new Map(districts.map((d) => [d.name, d.code]))
  const bare = new Map(districts.map((d) => [bareName(d.name), d.code]))
  const out = new Map<string, string>()
  for (const name of mapNames) {
    const code = exact.get(name) ?? bare.get(bareName(name))
    if (code) out.set(name, code)
  }
  return out
}

export interface MapDatum {
  /** the GeoJSON feature's name */
  name: string
  code: string
  /** percent, 0–100, one decimal: the colour */
  value: number
  communities: number
  certified: number
}

/** The map's series data: one entry per district the GeoJSON names and the coverage has. */
export function coverageMapData(
  mapNames: readonly string[],
  rows: readonly CoverageRow[],
): MapDatum[] {
  const codes = districtCodesByMapName(mapNames, rows)
  const byCode = new Map(rows.map((row) => [row.code, row]))
  const out: MapDatum[] = []
  for (const name of mapNames) {
    const row = byCode.get(codes.get(name) ?? '')
    if (!row) continue
    out.push({
      name,
      code: row.code,
      value: Math.round(row.coverage * 1000) / 10,
      communities: row.communities,
      certified: row.certified,
    })
  }
  return out
}

export interface PlanSeries {
  /** the x axis: years ascending, or district names in code order */
  labels: string[]
  planned: number[]
  certified: number[]
}

/** Plan against result summed by year (ascending). */
export function planByYear(rows: readonly PlanRow[]): PlanSeries {
  const years = new Map<number, { planned: number; certified: number }>()
  for (const row of rows) {
    const sum = years.get(row.year) ?? { planned: 0, certified: 0 }
    sum.planned += row.planned ?? 0
    sum.certified += row.certified
    years.set(row.year, sum)
  }
  const sorted = [...years.entries()].sort((a, b) => a[0] - b[0])
  return {
    labels: sorted.map(([year]) => String(year)),
    planned: sorted.map(([, sum]) => sum.planned),
    certified: sorted.map(([, sum]) => sum.certified),
  }
}

/** Plan against result summed by district (code order), for one year or all. */
export function planByDistrict(rows: readonly PlanRow[], year?: number): PlanSeries {
  const districts = new Map<string, { name: string; planned: number; certified: number }>()
  for (const row of rows) {
    if (year !== undefined && row.year !== year) continue
    const sum = districts.get(row.district_code) ?? {
      name: row.district || row.district_code,
      planned: 0,
      certified: 0,
    }
    sum.planned += row.planned ?? 0
    sum.certified += row.certified
    districts.set(row.district_code, sum)
  }
  const sorted = [...districts.entries()].sort((a, b) => a[0].localeCompare(b[0]))
  return {
    labels: sorted.map(([, sum]) => sum.name),
    planned: sorted.map(([, sum]) => sum.planned),
    certified: sorted.map(([, sum]) => sum.certified),
  }
}

/**
 * The indicators that hold communities back: the lowest achievement first, by the evaluators'
 * verified rate where the round has been evaluated, else by the self-assessed rate.
 */
export function hardestIndicators(items: readonly IndicatorRate[], count: number): IndicatorRate[] {
  const rate = (item: IndicatorRate): number => item.verified_share ?? item.claimed_share
  return [...items]
    .sort((a, b) => rate(a) - rate(b) || a.code.localeCompare(b.code, 'en', { numeric: true }))
    .slice(0, count)
}

/** A year filter from a route query or a form: an integer in 2000–2100, else none. */
export function yearOf(value: unknown): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  const year = Number(text)
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined
}

/** The years a filter offers: from the first round's year (2013, the pilot) to next year. */
export function yearOptions(now: Date, first = 2013): number[] {
  const last = now.getFullYear() + 1
  const out: number[] = []
  for (let year = last; year >= first; year -= 1) out.push(year)
  return out
}
