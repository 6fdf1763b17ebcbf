import { http } from '../http'
import type { SecurityPolicy } from './types'

export function getSecurityPolicy(): Promise<SecurityPolicy> {
  return http.get<SecurityPolicy>('/api/v1/security/policy')
}

export function putSecurityPolicy(policy: SecurityPolicy): Promise<SecurityPolicy> {
  return http.put<SecurityPolicy>('/api/v1/security/policy', policy)
}
