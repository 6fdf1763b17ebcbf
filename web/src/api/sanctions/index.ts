import { http } from '../http'
import type { SanctionPolicy } from './types'

/** Every business role reads the ladder; the three administrators get 403 (三员分立). */
export function getSanctionPolicy(): Promise<SanctionPolicy> {
  return http.get<SanctionPolicy>('/api/v1/sanctions/policy')
}

/** city_social only; 400 names the offending field (`enabled`, `rectification_days`). */
export function putSanctionPolicy(policy: SanctionPolicy): Promise<SanctionPolicy> {
  return http.put<SanctionPolicy>('/api/v1/sanctions/policy', policy)
}
