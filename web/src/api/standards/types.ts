/** A versioned standard with its star rules (DESIGN.md §1, 第七条, 第十三条). */

export type IndicatorKind = 'constraint' | 'guiding' | 'general'

/** `source`: paraphrased from the public text; `example`: stands in until the official text. */
export type Provenance = 'source' | 'example'

/** What the star rules count: constraint indicators only (trial) or all (construction). */
export type CountWhat = 'constraint' | 'all'

/** A condition a level may require besides the count. */
export type RuleCondition = 'mechanism' | 'effective'

export interface KindCounts {
  total: number
  constraint: number
  guiding: number
  general: number
}

export interface StandardSummary {
  id: string
  name: string
  version: string
  /** "trial", "construction" or another word the city chooses. */
  kind: string
  note: string
  /** Set once a round uses the standard (not sent by the server yet). */
  frozen?: boolean
  has_example_provenance: boolean
  provenance_notice?: string
  counts: KindCounts
}

export interface StandardListResponse {
  items: StandardSummary[]
}

export interface StarLevelRule {
  star: number
  min: number
  requires: RuleCondition[]
  /** The level is open only to communities already holding one of these stars. */
  current_star_in?: number[]
}

export interface StarRules {
  count: CountWhat
  max_star: number
  levels: StarLevelRule[]
}

/** 吃 住 行 游 购 娱 健, one character each. */
export type LifeElement = string

export interface Indicator {
  code: string
  title: string
  description?: string
  kind: IndicatorKind
  evidence_hint?: string
  life_elements: LifeElement[]
  provenance: Provenance
}

export interface Subcategory {
  code: string
  name: string
  indicators: Indicator[]
}

export interface Category {
  code: string
  name: string
  subcategories: Subcategory[]
}

export interface Standard {
  id: string
  name: string
  version: string
  kind: string
  note: string
  frozen?: boolean
  rules: StarRules
  categories: Category[]
  has_example_provenance: boolean
  provenance_notice?: string
}

/** One revision of a standard (newest first); a round froze it once it opened on it. */
export interface StandardRevision {
  revision: number
  frozen: boolean
}

export interface StandardRevisionList {
  items: StandardRevision[]
}

/** A standard as stored: the catalogue with its revision (GET /api/v1/standards/{id}). */
export interface StoredStandard extends Standard {
  revision: number
  frozen: boolean
  updated_at: string
}

/** What an import did (docs/standards.md §8). */
export type ImportOutcome = 'created' | 'new_revision' | 'replaced' | 'unchanged'

export interface ImportedStandard extends StoredStandard {
  outcome: ImportOutcome
}

/**
 * A draft to simulate or import: an edited workbook or JSON file as chosen, or draft rules
 * alone over the current catalogue (simulation only; an import sends the whole catalogue).
 */
export type StandardDraft =
  | { kind: 'file'; file: Blob; name: string; mediaType: string }
  | { kind: 'rules'; rules: StarRules }

export interface SimulationDistrict {
  district_code: string
  communities: number
  up: number
  down: number
  same: number
}

export interface SimulationStarCell {
  /** Eligible star now and under the draft (0: none). */
  from: number
  to: number
  count: number
}

export interface SimulationChange {
  community_code: string
  community_name: string
  district_code: string
  from: number
  to: number
  /** Achieved indicator codes the draft no longer has. */
  dropped_codes: number
}

/** POST /api/v1/standards/{id}/simulate: the latest round on the standard under the draft. */
export interface Simulation {
  /** null when no round has used the standard yet (nothing to compare). */
  round_id: number | null
  round_name: string
  /** Communities with a self-assessment in that round. */
  communities: number
  changed: number
  /** The id the draft names itself: importing it revises that standard. */
  draft_id: string
  draft_name: string
  draft_version: string
  districts: SimulationDistrict[]
  by_star: SimulationStarCell[]
  /** Only the communities whose eligible star changes. */
  changes: SimulationChange[]
}
