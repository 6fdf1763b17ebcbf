/** The districts' yearly plans and the city's target (第二条, 第十四条4; docs/statistics.md). */

export interface CityTarget {
  communities: number
  year: number
}

export interface PlanTarget extends CityTarget {
  /** distinct communities certified in or before the target year, city-wide */
  achieved: number
  rate: number
}

export interface PlanRow {
  year: number
  district_code: string
  district: string
  /** null when the district has filed no plan for the year */
  planned: number | null
  certified: number
  /** certified ÷ planned; null without a plan or with a plan of 0 */
  rate: number | null
  note: string
}

export interface PlanReport {
  year: number | null
  target: PlanTarget
  rows: PlanRow[]
  totals: { planned: number; certified: number; rate: number | null }
}

export interface PlanRequest {
  planned: number
  note?: string
}

export interface Plan {
  district_code: string
  year: number
  planned: number
  note: string
  updated_by: string
  updated_at: string
}

export interface PlanQuery {
  year?: number
  district?: string
}
