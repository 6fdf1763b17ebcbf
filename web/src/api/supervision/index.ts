import { http } from '../http'
import type {
  AnnualCheck,
  AnnualCheckItem,
  AnnualCheckItems,
  AnnualReport,
  Attachment,
  CheckResultRequest,
  DrawRequest,
  PublicCheck,
  PublishedChecks,
  RectificationList,
  RectificationReport,
  ReportCampaign,
  ReportList,
  ReportRequest,
  ReportView,
  ReviewRequest,
} from './types'

// ---- 第十八条 annual reports ----------------------------------------------------------------

/** city_social opens a year's filing and sets (or moves) its deadline. */
export function setReportDeadline(year: number, deadline: string): Promise<ReportCampaign> {
  return http.put<ReportCampaign>(`/api/v1/annual-reports/${year}/deadline`, { deadline })
}

/** Every certified community in the caller's area with its report and `overdue`. */
export function listAnnualReports(year: number): Promise<ReportList> {
  return http.get<ReportList>(`/api/v1/annual-reports/${year}`)
}

export function myReport(year: number): Promise<ReportView> {
  return http.get<ReportView>(`/api/v1/annual-reports/${year}/mine`)
}

export function saveMyReport(year: number, body: ReportRequest): Promise<ReportView> {
  return http.put<ReportView>(`/api/v1/annual-reports/${year}/mine`, body)
}

/** 422 `report_incomplete` without a summary and a plan. */
export function submitMyReport(year: number): Promise<ReportView> {
  return http.post<ReportView>(`/api/v1/annual-reports/${year}/mine/submit`)
}

/** The upload URL for el-upload (multipart, field `file`). */
export function reportAttachmentUploadUrl(year: number): string {
  return `/api/v1/annual-reports/${year}/mine/attachments`
}

export function reportAttachmentUrl(reportId: number, attachmentId: number): string {
  return `/api/v1/reports/${reportId}/attachments/${attachmentId}`
}

/** city_social accepts or returns (a return needs an opinion). */
export function reviewAnnualReport(id: number, body: ReviewRequest): Promise<AnnualReport> {
  return http.post<AnnualReport>(`/api/v1/reports/${id}/review`, body)
}

// ---- 第二十条 rectification ----------------------------------------------------------------

/** The certifications under rectification the caller may see, with their reports. */
export function listRectifications(): Promise<RectificationList> {
  return http.get<RectificationList>('/api/v1/rectifications')
}

/** The community files what it did; 409 `report_pending` while one waits for review. */
export function fileRectification(serial: string, content: string): Promise<RectificationReport> {
  return http.post<RectificationReport>(
    `/api/v1/certifications/${encodeURIComponent(serial)}/rectification-reports`,
    { content },
  )
}

export function rectificationAttachmentUploadUrl(reportId: number): string {
  return `/api/v1/rectification-reports/${reportId}/attachments`
}

export function rectificationAttachmentUrl(reportId: number, attachmentId: number): string {
  return `/api/v1/rectification-reports/${reportId}/attachments/${attachmentId}`
}

export function reviewRectification(id: number, body: ReviewRequest): Promise<RectificationReport> {
  return http.post<RectificationReport>(`/api/v1/rectification-reports/${id}/review`, body)
}

// ---- 第十九条 annual spot checks -------------------------------------------------------------

/** Publishes the SHA-256 of the seed before the draw. */
export function commitAnnualCheck(year: number, seedSha256: string): Promise<AnnualCheck> {
  return http.post<AnnualCheck>(`/api/v1/annual-checks/${year}/commitment`, {
    seed_sha256: seedSha256,
  })
}

/** 422 `seed_mismatch` for a seed other than the committed one. */
export function drawAnnualCheck(year: number, body: DrawRequest): Promise<AnnualCheckItems> {
  return http.post<AnnualCheckItems>(`/api/v1/annual-checks/${year}/draw`, body)
}

/** 404 before the commitment; no items before the draw. */
export function annualCheckItems(year: number): Promise<AnnualCheckItems> {
  return http.get<AnnualCheckItems>(`/api/v1/annual-checks/${year}`)
}

export function recordAnnualCheck(id: number, body: CheckResultRequest): Promise<AnnualCheckItem> {
  return http.post<AnnualCheckItem>(`/api/v1/annual-check-items/${id}/result`, body)
}

/** 通报; 409 `checks_pending` until every drawn community has a result. */
export function publishAnnualCheck(year: number): Promise<PublicCheck> {
  return http.post<PublicCheck>(`/api/v1/annual-checks/${year}/publish`)
}

export function publishedAnnualChecks(): Promise<PublishedChecks> {
  return http.get<PublishedChecks>('/api/v1/public/annual-checks')
}

export function publicCheckPageUrl(year: number): string {
  return `/public/annual-checks/${year}`
}

export function bulletinPdfUrl(year: number): string {
  return `/public/annual-checks/${year}/bulletin.pdf`
}

export type { Attachment }
