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
