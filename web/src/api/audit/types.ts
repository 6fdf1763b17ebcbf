import type { PageQuery, Paged } from '../types'

export type AuditOutcome = 'success' | 'failure' | 'denied'

export interface AuditRecord {
  seq: number
  /** RFC 3339 with offset. */
  at: string
  username: string
  role: string
  org_code: string
  /** e.g. session.login, user.create */
  action: string
  /** e.g. user:42 */
  object: string
  outcome: AuditOutcome
  client_addr: string
  request_id: string
  detail: string
}

export interface AuditFilter {
  /** RFC 3339 with offset. */
  from?: string
  to?: string
  username?: string
  /** Prefix match. */
  action?: string
  outcome?: AuditOutcome
}

export type AuditQuery = AuditFilter & PageQuery

export type AuditListResponse = Paged<AuditRecord>
