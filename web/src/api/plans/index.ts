import { http, type DownloadedFile } from '../http'
import type { ExportFormat } from '../stats/types'
import type { CityTarget, Plan, PlanQuery, PlanReport, PlanRequest } from './types'

/** Plan against result by district and year, with the city's target. */
export function listPlans(filters: PlanQuery = {}): Promise<PlanReport> {
  return http.get<PlanReport>('/api/v1/plans', { year: filters.year, district: filters.district })
}

/** Files or changes a district's plan for one year (district_social for its own, city_social). */
export function putPlan(districtCode: string, year: number, body: PlanRequest): Promise<Plan> {
  return http.put<Plan>(`/api/v1/plans/${encodeURIComponent(districtCode)}/${year}`, body)
}

/** The city's target (city_social only). */
export function putTarget(target: CityTarget): Promise<CityTarget> {
  return http.put<CityTarget>('/api/v1/plans/target', target)
}

export function exportPlans(
  format: ExportFormat,
  filters: PlanQuery = {},
): Promise<DownloadedFile> {
  return http.download('/api/v1/plans', { year: filters.year, district: filters.district, format })
}
