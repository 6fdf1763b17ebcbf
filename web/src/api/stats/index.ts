import { http, type DownloadedFile, type Query } from '../http'
import type {
  Coverage,
  ExportFormat,
  FunnelReport,
  IndicatorReport,
  NextRound,
  StatsQuery,
  StatsReport,
  SummaryReport,
} from './types'

function query(filters: StatsQuery): Query {
  return { year: filters.year, district: filters.district, round: filters.round }
}

/** Coverage by district (第十条); a district role gets its own district only. */
export function getCoverage(filters: StatsQuery = {}): Promise<Coverage> {
  return http.get<Coverage>('/api/v1/stats/coverage', { district: filters.district })
}

/** The proposed next round's kind and year, for the whole city. */
export function getNextRound(): Promise<NextRound> {
  return http.get<NextRound>('/api/v1/stats/next-round')
}

/** Certifications by year, district, street and star. */
export function getSummary(filters: StatsQuery = {}): Promise<SummaryReport> {
  return http.get<SummaryReport>('/api/v1/stats/summary', {
    year: filters.year,
    district: filters.district,
  })
}

/** The funnel of one round, or of one year's rounds (not both), or of every round. */
export function getFunnel(filters: StatsQuery = {}): Promise<FunnelReport> {
  return http.get<FunnelReport>('/api/v1/stats/funnel', query(filters))
}

/** Indicator and life-element achievement of one round (`round` is required). */
export function getIndicators(round: number, district?: string): Promise<IndicatorReport> {
  return http.get<IndicatorReport>('/api/v1/stats/indicators', { round, district })
}

/**
 * One statistic as a file: XLSX (every table a sheet) or CSV (the table named by `table`, the
 * first by default). The filters are those of the JSON answer.
 */
export function exportStats(
  report: StatsReport,
  format: ExportFormat,
  filters: StatsQuery = {},
  table?: string,
): Promise<DownloadedFile> {
  return http.download(`/api/v1/stats/${report}`, { ...query(filters), format, table })
}
