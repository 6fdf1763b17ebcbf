import type { Simulation, SimulationChange, StandardDraft, StarRules } from '@/api/standards/types'
import { XLSX_MEDIA_TYPE } from '@/api/standards'
import { toCsv } from '@/utils/csv'

/**
 * The logic of 修订与影响模拟 (docs/standards.md §8), apart from the page: which file is a draft,
 * draft thresholds over the current rules, and the simulation's changes filtered, paged and
 * exported.
 */

/** A chosen file as a draft, by its extension; null for anything but .xlsx and .json. */
export function draftFromFile(file: File): StandardDraft | null {
  const name = file.name.toLowerCase()
  if (name.endsWith('.xlsx')) {
    return { kind: 'file', file, name: file.name, mediaType: XLSX_MEDIA_TYPE }
  }
  if (name.endsWith('.json')) {
    return { kind: 'file', file, name: file.name, mediaType: 'application/json' }
  }
  return null
}

/** The current rules with new thresholds (`min` by star); every other rule kept as it is. */
export function rulesWithThresholds(
  rules: StarRules,
  thresholds: Readonly<Record<number, number>>,
): StarRules {
  return {
    ...rules,
    levels: rules.levels.map((level) => ({
      ...level,
      min: thresholds[level.star] ?? level.min,
    })),
  }
}

/** The thresholds (`min` by star) that differ from the current rules. */
export function changedThresholds(
  rules: StarRules,
  thresholds: Readonly<Record<number, number>>,
): number[] {
  return rules.levels
    .filter((level) => thresholds[level.star] !== undefined && thresholds[level.star] !== level.min)
    .map((level) => level.star)
}

export type Direction = 'up' | 'down'
export type DirectionFilter = Direction | 'all'

export function direction(change: Pick<SimulationChange, 'from' | 'to'>): Direction {
  return change.to > change.from ? 'up' : 'down'
}

export interface SimulationTotals {
  up: number
  down: number
  same: number
}

export function totals(simulation: Pick<Simulation, 'districts'>): SimulationTotals {
  return simulation.districts.reduce(
    (sum, d) => ({ up: sum.up + d.up, down: sum.down + d.down, same: sum.same + d.same }),
    { up: 0, down: 0, same: 0 },
  )
}

/** Changes in one direction (or all), downs first then ups, each by district and code. */
export function filterChanges(
  changes: readonly SimulationChange[],
  filter: DirectionFilter,
): SimulationChange[] {
  return changes
    .filter((change) => filter === 'all' || direction(change) === filter)
    .sort(
      (a, b) =>
        (direction(a) === direction(b) ? 0 : direction(a) === 'down' ? -1 : 1) ||
        a.district_code.localeCompare(b.district_code) ||
        a.community_code.localeCompare(b.community_code),
    )
}

/** Page `page` (from 1) of `size` rows. */
export function pageOf<T>(items: readonly T[], page: number, size: number): T[] {
  const start = (Math.max(1, page) - 1) * size
  return items.slice(start, start + size)
}

export interface CsvLabels {
  header: readonly string[]
  up: string
  down: string
  none: string
}

/** The changes as CSV, one community a row, with the district's name where it is known. */
export function changesCsv(
  changes: readonly SimulationChange[],
  districtNames: ReadonlyMap<string, string>,
  labels: CsvLabels,
): string {
  const star = (n: number) => (n > 0 ? String(n) : labels.none)
  return toCsv(
    labels.header,
    changes.map((c) => [
      c.community_code,
      c.community_name,
      districtNames.get(c.district_code) ?? c.district_code,
      star(c.from),
      star(c.to),
      direction(c) === 'up' ? labels.up : labels.down,
      c.dropped_codes,
    ]),
  )
}
