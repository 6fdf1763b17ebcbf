import { http } from '../http'
import type { Standard, StandardListResponse } from './types'

export function listStandards(): Promise<StandardListResponse> {
  return http.get<StandardListResponse>('/api/v1/standards')
}

export function getStandard(id: string): Promise<Standard> {
  return http.get<Standard>(`/api/v1/standards/${encodeURIComponent(id)}`)
}
