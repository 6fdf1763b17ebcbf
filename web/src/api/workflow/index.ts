import { ApiError, http, problemFromResponse } from '../http'
import type {
  Application,
  ApplicationList,
  ApplicationState,
  AssessmentRequest,
  DistrictPackage,
  DistrictPackageList,
  EvaluationCheck,
  Evidence,
  NewRound,
  RecommendationListFormat,
  Round,
  RoundList,
} from './types'

export function listRounds(): Promise<RoundList> {
  return http.get<RoundList>('/api/v1/rounds')
}

export function getRound(id: number): Promise<Round> {
  return http.get<Round>(`/api/v1/rounds/${id}`)
}

export function createRound(body: NewRound): Promise<Round> {
  return http.post<Round>('/api/v1/rounds', body)
}

export function openRound(id: number): Promise<Round> {
  return http.post<Round>(`/api/v1/rounds/${id}/open`)
}

export function listApplications(
  roundId: number,
  state?: ApplicationState | '',
): Promise<ApplicationList> {
  return http.get<ApplicationList>(`/api/v1/rounds/${roundId}/applications`, { state })
}

export function createApplication(
  roundId: number,
  body: { community_code: string; target_star: number },
): Promise<Application> {
  return http.post<Application>(`/api/v1/rounds/${roundId}/applications`, body)
}

export function getApplication(id: number): Promise<Application> {
  return http.get<Application>(`/api/v1/applications/${id}`)
}

export function saveAssessment(id: number, body: AssessmentRequest): Promise<Application> {
  return http.put<Application>(`/api/v1/applications/${id}/assessment`, body)
}

const act =
  <B>(action: string) =>
  (id: number, body?: B): Promise<Application> =>
    http.post<Application>(`/api/v1/applications/${id}/${action}`, body)

export const submitApplication = act<undefined>('submit')
export const withdrawApplication = act<{ reason?: string }>('withdraw')
export const streetReview = act<{ decision: 'forward' | 'return'; opinion: string }>(
  'street-review',
)
export const districtReview = act<{ decision: 'approve' | 'reject'; opinion: string }>(
  'district-review',
)
export const districtReturn = act<{ opinion: string }>('district-return')
export const recommend = act<{ rank: number; opinion?: string }>('recommend')
export const assignEvaluator = act<{ username: string; due_at?: string }>('evaluators')
export const submitEvaluation = act<{
  checks: EvaluationCheck[]
  effective: boolean
  opinion: string
}>('evaluation')
export const decide = act<{ star: number; opinion: string }>('decision')

/** The upload URL for el-upload (multipart, field `file`, optional `indicator`). */
export function evidenceUploadUrl(id: number): string {
  return `/api/v1/applications/${id}/evidence`
}

/** The recommendation packages of a round: every district for the city, its own for a district. */
export function listRecommendations(roundId: number): Promise<DistrictPackageList> {
  return http.get<DistrictPackageList>(`/api/v1/rounds/${roundId}/recommendations`)
}

/** A city department confirms it received a district's package. */
export function receiveRecommendation(roundId: number, district: string): Promise<DistrictPackage> {
  return http.post<DistrictPackage>(
    `/api/v1/rounds/${roundId}/recommendations/${encodeURIComponent(district)}/receipt`,
  )
}

/** The application form (申报表, three copies) as a PDF download. */
export function applicationFormUrl(id: number): string {
  return `/api/v1/applications/${id}/form.pdf`
}

/** A district's recommendation list as a PDF or XLSX download. */
export function recommendationListUrl(
  roundId: number,
  district: string,
  format: RecommendationListFormat,
): string {
  return `/api/v1/rounds/${roundId}/recommendations/${encodeURIComponent(district)}/list.${format}`
}

/** Reads an el-upload failure (an XHR answer) into the server's problem text. */
export async function uploadProblem(status: number, body: string): Promise<ApiError> {
  const response = new Response(body || null, {
    status: status >= 200 && status <= 599 ? status : 500,
    headers: { 'Content-Type': 'application/problem+json' },
  })
  return new ApiError(await problemFromResponse(response))
}

export type { Evidence }
