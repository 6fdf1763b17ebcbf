import type { RuleCondition } from '../standards/types'

export interface EvaluateRequest {
  standard_id: string
  /** Indicator codes, each once. */
  achieved: string[]
  current_star: number
  /** 长效机制: the long-term mechanism for updating information resources is in place. */
  mechanism: boolean
  /** 作用发挥好: the work plays its role well. */
  effective: boolean
}

export interface RatingCounts {
  total: number
  constraint: number
  guiding: number
  general: number
  /** What the standard's rules count (constraint only, or all). */
  counted: number
}

export interface ConditionResult {
  condition: RuleCondition
  held: boolean
}

export interface PrerequisiteResult {
  /** The current stars the level is open to; empty when it has no prerequisite. */
  required: number[]
  held: boolean
}

export interface LevelResult {
  star: number
  min: number
  counted: number
  threshold_met: boolean
  conditions: ConditionResult[]
  prerequisite: PrerequisiteResult
  eligible: boolean
}

export interface NextStar {
  star: number
  /** Indicators still missing to reach the threshold. */
  missing: number
  missing_conditions: RuleCondition[]
  missing_prerequisite: number[]
}

export interface EvaluateResponse {
  eligible_star: number
  counts: RatingCounts
  levels: LevelResult[]
  next: NextStar | null
}
