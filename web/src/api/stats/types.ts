/** Coverage, the next round and the statistics (docs/statistics.md; 第二条, 第十条). */

/** The answer's format: JSON for the console, XLSX or CSV to download. */
export type ExportFormat = 'xlsx' | 'csv'

/** Filters every statistic accepts; a district role's `district` is its own or 404. */
export interface StatsQuery {
  year?: number
  district?: string
  round?: number
}

export interface CoverageRow {
  code: string
  name: string
  communities: number
  certified: number
  /** certified ÷ communities, 0–1 with four decimals. */
  coverage: number
}

export interface Coverage {
  /** The whole city, or the caller's district for a district role. */
  city: CoverageRow
  districts: CoverageRow[]
}

export type RoundKind = 'pilot' | 'annual' | 'upgrade'

export interface NextRound {
  kind: RoundKind
  kind_label: string
  year: number
  full_coverage: boolean
  last_upgrade_year: number | null
  reason: string
}

export interface StatusCounts {
  /** valid or under rectification */
  active: number
  revoked: number
  superseded: number
  total: number
}

export interface SummaryRow extends StatusCounts {
  year: number
  district_code: string
  district: string
  street_code: string
  street: string
  star: number
}

export interface StarRow extends StatusCounts {
  star: number
}

export interface SummaryReport {
  year: number | null
  district_code: string | null
  rows: SummaryRow[]
  by_star: StarRow[]
  totals: StatusCounts
}

export type FunnelStageKey =
  'self_assessed' | 'applied' | 'recommended' | 'certified' | 'sanctioned'

export interface FunnelStage {
  key: FunnelStageKey
  label: string
  count: number
  /** of the self-assessed */
  share: number
  /** of the stage before */
  conversion: number
}

export interface FunnelCounts {
  self_assessed: number
  applied: number
  recommended: number
  certified: number
  sanctioned: number
}

export interface FunnelDistrict extends FunnelCounts {
  code: string
  name: string
}

export interface FunnelReport {
  round_id: number | null
  year: number | null
  district_code: string | null
  stages: FunnelStage[]
  districts: FunnelDistrict[]
  total: FunnelCounts
}

export interface IndicatorRate {
  code: string
  title: string
  kind: string
  life_elements: string[]
  claimed: number
  verified: number
  claimed_share: number
  /** null until some application of the round has been evaluated */
  verified_share: number | null
}

export interface ElementRate {
  element: string
  indicators: number
  claimed_share: number
  verified_share: number | null
}

export interface IndicatorReport {
  round_id: number
  round_name: string
  standard_id: string
  district_code: string | null
  applications: number
  evaluated: number
  /** lowest self-assessed rate first: the indicators that hold communities back */
  indicators: IndicatorRate[]
  elements: ElementRate[]
}

/** The statistics that can be downloaded, as the export routes name them. */
export type StatsReport = 'coverage' | 'next-round' | 'summary' | 'funnel' | 'indicators'
