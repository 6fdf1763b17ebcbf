/** Rounds and the application workflow (docs/workflow.md, src/http/dto/workflow.cpp). */
import type { EvaluateResponse } from '../rating/types'
import type { Role } from '../types'

export type RoundKind = 'pilot' | 'annual' | 'upgrade'
export type RoundStatus = 'draft' | 'open' | 'closed'

export interface RoundCalendar {
  community_deadline: string
  district_deadline: string
  notice_days: number
}

export interface Round {
  id: number
  year: number
  name: string
  kind: RoundKind
  kind_label: string
  standard_id: string
  standard_revision: number
  scope: 'pilot_only' | 'all'
  status: RoundStatus
  status_label: string
  max_star: number
  calendar: RoundCalendar
  created_at: string
  opened_at: string | null
}

export interface RoundList {
  items: Round[]
}

export interface NewRound {
  year: number
  kind: RoundKind
  standard_id: string
  community_deadline?: string
  district_deadline?: string
}

export type ApplicationState =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'street_approved'
  | 'district_reviewed'
  | 'not_recommended'
  | 'recommended'
  | 'evaluating'
  | 'proposed'
  | 'rejected'
  | 'certified'
  | 'withdrawn'

export const APPLICATION_STATES: readonly ApplicationState[] = [
  'draft',
  'submitted',
  'returned',
  'street_approved',
  'district_reviewed',
  'not_recommended',
  'recommended',
  'evaluating',
  'proposed',
  'rejected',
  'certified',
  'withdrawn',
]

export interface ApplicationSummary {
  id: number
  round_id: number
  community_code: string
  community_name: string
  street_code: string
  district_code: string
  current_star: number
  target_star: number
  state: ApplicationState
  state_label: string
  recommendation_rank: number | null
  decided_star: number | null
  submitted_at: string | null
  updated_at: string
  version: number
}

export interface ApplicationList {
  total: number
  items: ApplicationSummary[]
}

export interface Assessment {
  achieved: string[]
  mechanism: boolean
  mechanism_note: string
  effective: boolean
  effectiveness_note: string
}

export interface AssessmentRequest extends Assessment {
  target_star?: number
}

export interface ApplicationEvent {
  at: string
  username: string
  role: Role
  role_label: string
  action: string
  action_label: string
  from: string
  to: string
  decision: string
  opinion: string
}

export interface DistrictReview {
  role: Role
  role_label: string
  decision: 'approve' | 'reject'
  opinion: string
  username: string
  at: string
}

export interface Evidence {
  id: number
  indicator: string | null
  sha256: string
  size: number
  content_type: string
  file_name: string
  uploaded_by: string
  uploaded_at: string
  url: string
}

export interface EvaluatorAssignment {
  evaluator: string
  evaluator_org: string
  due_at: string
  assigned_at: string
}

export interface EvaluationCheck {
  code: string
  verified: boolean
  reason: string
}

export interface Evaluation {
  evaluator: string
  checks: EvaluationCheck[]
  effective: boolean
  opinion: string
  at: string
}

export interface Application extends ApplicationSummary {
  assessment: Assessment
  rating: EvaluateResponse
  eligible_star: number
  round: { id: number; name: string; standard_id: string; standard_revision: number }
  sealed: boolean
  history: ApplicationEvent[]
  district_reviews: DistrictReview[]
  evidence: Evidence[]
  evaluators: EvaluatorAssignment[]
  evaluations: Evaluation[]
  verified_eligible_star: number | null
}

/** One city department's receipt of a district's recommendation package (第十四条2). */
export interface PackageReceipt {
  role: Role
  role_label: string
  username: string
  at: string
}

/** A district's recommendation package of a round: its recommended applications by rank. */
export interface DistrictPackage {
  district_code: string
  district: string
  applications: ApplicationSummary[]
  receipts: PackageReceipt[]
  /** All three city departments have signed. */
  complete: boolean
}

export interface DistrictPackageList {
  items: DistrictPackage[]
}

export type RecommendationListFormat = 'pdf' | 'xlsx'
