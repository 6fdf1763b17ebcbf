import { http, type DownloadedFile } from '../http'
import type {
  ImportedStandard,
  Simulation,
  StandardDraft,
  StandardListResponse,
  StandardRevisionList,
  StoredStandard,
} from './types'

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function listStandards(): Promise<StandardListResponse> {
  return http.get<StandardListResponse>('/api/v1/standards')
}

/** The latest revision, or the one named. */
export function getStandard(id: string, revision?: number): Promise<StoredStandard> {
  return http.get<StoredStandard>(`/api/v1/standards/${encodeURIComponent(id)}`, { revision })
}

/** Every revision, newest first (public). */
export function listRevisions(id: string): Promise<StandardRevisionList> {
  return http.get<StandardRevisionList>(`/api/v1/standards/${encodeURIComponent(id)}/revisions`)
}

/** A revision's catalogue as the XLSX workbook to edit and import again. */
export function downloadWorkbook(id: string, revision: number): Promise<DownloadedFile> {
  return http.download(
    `/api/v1/standards/${encodeURIComponent(id)}/workbook`,
    { revision },
    XLSX_MEDIA_TYPE,
  )
}

/** What the draft would change in the latest round on this standard (city departments). */
export function simulateStandard(id: string, draft: StandardDraft): Promise<Simulation> {
  const path = `/api/v1/standards/${encodeURIComponent(id)}/simulate`
  if (draft.kind === 'rules') return http.post<Simulation>(path, { rules: draft.rules })
  return http.post<Simulation>(path, undefined, {
    file: { data: draft.file, contentType: draft.mediaType },
  })
}

/**
 * Imports a file (JSON or XLSX, city_social): a new revision when the latest is frozen by a
 * round, else the latest replaced in place; every problem is listed (400) and nothing stored.
 */
export function importStandard(file: Blob, mediaType: string): Promise<ImportedStandard> {
  return http.post<ImportedStandard>('/api/v1/standards', undefined, {
    file: { data: file, contentType: mediaType },
  })
}

/** A whole catalogue as JSON (the current one with draft rules): imported like a file. */
export function importStandardJson(document: object): Promise<ImportedStandard> {
  return http.post<ImportedStandard>('/api/v1/standards', document)
}
