/**
 * Daily management after naming (第十八–二十条; docs/supervision.md; docs/openapi.json, tag
 * 日常管理): annual reports, rectification reports and the annual spot checks.
 */
import type { SanctionKind, SanctionRequest } from '../certifications/types'

export type ReportState = 'draft' | 'submitted' | 'accepted' | 'returned'

export const REPORT_STATES: readonly ReportState[] = ['draft', 'submitted', 'accepted', 'returned']

/** The city's filing deadline of a year's reports. */
export interface ReportCampaign {
  year: number
  deadline: string
  set_by: string
  set_at: string
}

/** 第十八条: 年度工作总结和下年度工作计划, with three figures the city sums. */
export interface AnnualReport {
  id: number
  year: number
  community_code: string
  serial: string
  summary: string
  plan: string
  /** 服务居民人次 */
  residents_served: number
  /** 在线服务事项数 */
  services_online: number
  /** 投入资金（万元） */
  investment: number
  state: ReportState
  state_label: string
  submitted_at: string | null
  reviewed_by: string
  reviewed_at: string | null
  review_opinion: string
  updated_at: string
}

export interface Attachment {
  id: number
  sha256: string
  size: number
  content_type: string
  file_name: string
  uploaded_by: string
  uploaded_at: string
}

/** A community's own report of a year (GET/PUT /annual-reports/{year}/mine). */
export interface ReportView {
  campaign: ReportCampaign | null
  report: AnnualReport | null
  attachments: Attachment[]
  serial: string
  overdue: boolean
}

export interface ReportRequest {
  summary: string
  plan: string
  residents_served: number
  services_online: number
  investment: number
}

export interface ReportRow {
  community_code: string
  community_name: string
  district_code: string
  district: string
  serial: string
  star: number
  report: AnnualReport | null
  overdue: boolean
}

export interface ReportList {
  year: number
  campaign: ReportCampaign | null
  total: number
  submitted: number
  accepted: number
  overdue: number
  items: ReportRow[]
}

export type ReviewDecision = 'accept' | 'return'

export interface ReviewRequest {
  decision: ReviewDecision
  opinion: string
}

export interface RectificationReport {
  id: number
  serial: string
  sanction_id: number
  content: string
  state: ReportState
  state_label: string
  submitted_by: string
  submitted_at: string
  reviewed_by: string
  reviewed_at: string | null
  review_opinion: string
}

/** A report in a case, with the evidence the community attached. */
export interface RectificationCaseReport extends RectificationReport {
  attachments: Attachment[]
}

/** A certification under rectification with its reports. */
export interface RectificationCase {
  serial: string
  community_code: string
  community_name: string
  district_code: string
  star: number
  reason: string
  deadline: string | null
  sanctioned_at: string
  reports: RectificationCaseReport[]
  overdue: boolean
  revocation_proposed: boolean
}

export interface RectificationList {
  items: RectificationCase[]
}

/** 第十九条: a year's campaign, drawn from a committed seed. */
export interface AnnualCheck {
  year: number
  seed_sha256: string
  committed_at: string
  seed: string | null
  drawn_at: string | null
  published_at: string | null
}

export interface AnnualCheckItem {
  id: number
  year: number
  serial: string
  community_code: string
  community_name: string
  district_code: string
  inspectors: string[]
  passed: boolean | null
  findings: string
  action: SanctionKind | null
  action_label: string
  recorded_by: string
  recorded_at: string | null
}

/** GET /annual-checks/{year} (404 before the commitment; no items before the draw). */
export interface AnnualCheckItems {
  items: AnnualCheckItem[]
}

export interface PublishedChecks {
  items: AnnualCheck[]
}

export interface DrawRequest {
  seed: string
  per_district?: number
  rate?: number
  inspectors_per_check?: number
}

export interface CheckResultRequest {
  passed: boolean
  findings: string
  sanction?: SanctionRequest
}

export interface PublicCheckItem {
  serial: string
  community_code: string
  community_name: string
  district_code: string
  passed: boolean | null
  findings: string
  action: SanctionKind | null
  action_label: string
}

export interface PublicCheck extends AnnualCheck {
  checked: number
  failed: number
  items: PublicCheckItem[]
}
