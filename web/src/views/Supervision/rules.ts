import type {
  AnnualCheckItem,
  RectificationCase,
  ReportRow,
  ReportState,
  ReportView,
} from '@/api/supervision/types'
import type { Role } from '@/api/types'

/** What the city's list filters by: a report's state, no report at all, or overdue. */
export type ReportFilterStatus = ReportState | 'missing' | 'overdue'

export const REPORT_FILTER_STATUSES: readonly ReportFilterStatus[] = [
  'overdue',
  'missing',
  'draft',
  'submitted',
  'returned',
  'accepted',
]

export type TagType = 'success' | 'warning' | 'info' | 'danger'

/** The tag type of each report state in tables. */
export const REPORT_TAG: Readonly<Record<ReportState | 'missing', TagType>> = {
  draft: 'info',
  submitted: 'warning',
  accepted: 'success',
  returned: 'danger',
  missing: 'info',
}

/** A row's state, `missing` when the community has not begun its report. */
export function rowState(row: ReportRow): ReportState | 'missing' {
  return row.report ? row.report.state : 'missing'
}

export interface ReportFilters {
  status: ReportFilterStatus | ''
  district: string
  /** A fragment of the community's name or code. */
  q: string
}

export function filterReports(rows: readonly ReportRow[], filters: ReportFilters): ReportRow[] {
  const q = filters.q.trim()
  return rows.filter((row) => {
    if (filters.district && row.district_code !== filters.district) return false
    if (filters.status === 'overdue' && !row.overdue) return false
    if (filters.status && filters.status !== 'overdue' && rowState(row) !== filters.status)
      return false
    if (q && !row.community_name.includes(q) && !row.community_code.includes(q)) return false
    return true
  })
}

/** The districts present in a list, by code, for its filter. */
export function districtsOf(rows: readonly ReportRow[]): { code: string; name: string }[] {
  const seen = new Map<string, string>()
  for (const row of rows)
    if (!seen.has(row.district_code)) seen.set(row.district_code, row.district)
  return [...seen.entries()]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.code.localeCompare(b.code))
}

/** A community edits its report while the year is open and the report is a draft or returned. */
export function mayEditReport(view: ReportView | null): boolean {
  if (!view || !view.campaign) return false
  return !view.report || view.report.state === 'draft' || view.report.state === 'returned'
}

/** It submits a saved draft or returned report. */
export function maySubmitReport(view: ReportView | null): boolean {
  return mayEditReport(view) && view?.report !== null && view?.report !== undefined
}

/** A new rectification report may be filed unless one waits for review. */
export function mayFileRectification(item: RectificationCase): boolean {
  return !item.reports.some((report) => report.state === 'submitted')
}

/** The report the city is to review, if any. */
export function pendingRectification(item: RectificationCase) {
  return item.reports.find((report) => report.state === 'submitted') ?? null
}

/** Items still without a result: the 通报 waits for them. */
export function openItems(items: readonly AnnualCheckItem[]): number {
  return items.filter((item) => item.passed === null).length
}

/** The last day of a date (YYYY-MM-DD) in Beijing time, as the API's RFC 3339 deadline. */
export function endOfDay(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a date: ${date}`)
  return `${date}T23:59:59.999+08:00`
}

/** The report year a page opens on: this year from December on, otherwise last year. */
export function defaultReportYear(now: Date = new Date()): number {
  const beijing = new Date(now.getTime() + 8 * 3_600_000)
  const year = beijing.getUTCFullYear()
  return beijing.getUTCMonth() === 11 ? year : year - 1
}

/** Years a picker offers: from the first annual reports (2014) to next year, newest first. */
export function reportYears(now: Date = new Date()): number[] {
  const last = new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear()
  const years: number[] = []
  for (let year = last; year >= 2014; year -= 1) years.push(year)
  return years
}

/** The lowercase hex SHA-256 of a seed's UTF-8 bytes (the commitment published before a draw). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Only city_social reviews reports, runs the annual check and sanctions. */
export function isCitySocial(role: Role | null): boolean {
  return role === 'city_social'
}

/** A report year from the address (?year=2015): 2014 up to next year, else null. */
export function yearFromQuery(value: unknown, now: Date = new Date()): number | null {
  if (typeof value !== 'string' || !/^\d{4}$/.test(value)) return null
  const year = Number(value)
  const last = new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear() + 1
  return year >= 2014 && year <= last ? year : null
}
