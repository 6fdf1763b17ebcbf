import { http } from '../http'
import type {
  CertificationPage,
  CertificationQuery,
  Finalized,
  KeyList,
  PlaqueFormat,
  SanctionRequest,
  Verification,
} from './types'

/** Finalizes a round (city_social); 409 `notice_running`, `comments_pending`… until it may. */
export function finalizeRound(roundId: number): Promise<Finalized> {
  return http.post<Finalized>(`/api/v1/rounds/${roundId}/finalize`)
}

/** The public gallery: every status, newest first; `page` from 1, `page_size` up to 200. */
export function listCertifications(query: CertificationQuery = {}): Promise<CertificationPage> {
  return http.get<CertificationPage>('/api/v1/public/certifications', { ...query })
}

export function verifyCertification(serial: string): Promise<Verification> {
  return http.get<Verification>(`/api/v1/public/verify/${encodeURIComponent(serial)}`)
}

/** 第二十条: criticism, warning, rectification (with a deadline) or revocation (immediate). */
export function addSanction(serial: string, body: SanctionRequest): Promise<Verification> {
  return http.post<Verification>(
    `/api/v1/certifications/${encodeURIComponent(serial)}/sanctions`,
    body,
  )
}

export function listPublicKeys(): Promise<KeyList> {
  return http.get<KeyList>('/api/v1/public/keys')
}

/** The plaque in one of its three renderings; public, no login. */
export function plaqueUrl(serial: string, format: PlaqueFormat): string {
  return `/public/plaques/${encodeURIComponent(serial)}.${format}`
}

/** The public verification page (server-rendered) the plaque's QR code points to. */
export function verifyPageUrl(serial: string): string {
  return `/public/verify/${encodeURIComponent(serial)}`
}
