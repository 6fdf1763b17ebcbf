import { http, type DownloadedFile } from '../http'
import type { AuditFilter, AuditListResponse, AuditQuery } from './types'

export function listAudit(query: AuditQuery): Promise<AuditListResponse> {
  return http.get<AuditListResponse>('/api/v1/audit', { ...query })
}

export function exportAudit(filter: AuditFilter): Promise<DownloadedFile> {
  return http.download('/api/v1/audit/export', { ...filter }, 'text/csv')
}
