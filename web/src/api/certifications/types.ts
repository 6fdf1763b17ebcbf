/**
 * Naming (认定命名), certifications, plaques and sanctions (第十五–二十条; DESIGN.md §1 "After
 * naming" and "Electronic plaques"; docs/openapi.json, tag 认定与奖牌).
 */
import type { PageQuery } from '../types'

/** The same four words everywhere: API, pages, exports. */
export type CertificationStatus = 'valid' | 'under_rectification' | 'revoked' | 'superseded'

export const CERTIFICATION_STATUSES: readonly CertificationStatus[] = [
  'valid',
  'under_rectification',
  'revoked',
  'superseded',
]

export interface CertificationSummary {
  /** BJZHSQ-<year>-<star>-<6 digits> */
  serial: string
  community_code: string
  community_name: string
  full_name: string
  district_code: string
  district: string
  street: string
  star: number
  /** 北京市X星级智慧社区 */
  title: string
  year: number
  issued_at: string
  status: CertificationStatus
  status_label: string
}

export interface CertificationPage {
  total: number
  page: number
  page_size: number
  items: CertificationSummary[]
}

export interface CertificationQuery extends PageQuery {
  /** A district code (6 digits). */
  district?: string
  star?: number
  year?: number
  status?: CertificationStatus
  /** A fragment of the community's name or code. */
  q?: string
}

/** 第二十条: the four measures of dynamic management. */
export type SanctionKind = 'criticism' | 'warning' | 'rectification' | 'revocation'

export const SANCTION_KINDS: readonly SanctionKind[] = [
  'criticism',
  'warning',
  'rectification',
  'revocation',
]

export interface Sanction {
  kind: SanctionKind
  kind_label: string
  reason: string
  deadline: string | null
  at: string
}

/** `deadline` (RFC 3339) is required for rectification. */
export interface SanctionRequest {
  kind: SanctionKind
  reason: string
  deadline?: string
}

export interface SignedPayload {
  /** HUIXING-PLAQUE/1, one `key=value` a line. */
  payload: string
  /** SM2 signature, DER, Base64. */
  signature: string
  key_id: string
  algorithm: 'SM2-SM3'
}

export interface Verification extends CertificationSummary {
  status_changed_at: string
  superseded_by: string | null
  issuers: string[]
  signed: SignedPayload
  sanctions: Sanction[]
}

export interface CertifiedCommunity {
  community_code: string
  community_name: string
  star: number
  serial: string
}

export interface Finalized {
  certified: CertifiedCommunity[]
}

/** The 409 codes finalize answers with, in the order a round meets them. */
export type FinalizeRefusal =
  | 'notice_missing'
  | 'notice_running'
  | 'comments_pending'
  | 'spot_checks_pending'
  | 'round_finalized'

export const FINALIZE_REFUSALS: readonly FinalizeRefusal[] = [
  'notice_missing',
  'notice_running',
  'comments_pending',
  'spot_checks_pending',
  'round_finalized',
]

export interface PublicKey {
  key_id: string
  algorithm: 'SM2-SM3'
  sm2_user_id: string
  public_key_pem: string
  created_at: string
}

export interface KeyList {
  keys: PublicKey[]
}

export type PlaqueFormat = 'png' | 'svg' | 'pdf'
