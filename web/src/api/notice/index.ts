import { http } from '../http'
import type {
  Comment,
  CommentList,
  Commitment,
  DispositionRequest,
  Draw,
  DrawRequest,
  ModerationRequest,
  Notice,
  NoticeList,
  SpotCheck,
  SpotCheckList,
  SpotCheckPhotoList,
  SpotCheckResultRequest,
} from './types'

// ---- the notice ---------------------------------------------------------------------------

/** city_social publishes the round's proposed list for the round's notice days. */
export function publishNotice(roundId: number): Promise<Notice> {
  return http.post<Notice>(`/api/v1/rounds/${roundId}/notice`)
}

export function listNotices(): Promise<NoticeList> {
  return http.get<NoticeList>('/api/v1/public/notices')
}

/** The public notice of a round; 404 while it is not published. */
export function getNotice(roundId: number): Promise<Notice> {
  return http.get<Notice>(`/api/v1/public/notices/${roundId}`)
}

/** The server-rendered public page (works without JavaScript). */
export function noticePageUrl(roundId: number): string {
  return `/public/notices/${roundId}`
}

// ---- comments -------------------------------------------------------------------------------

export function listComments(roundId: number): Promise<CommentList> {
  return http.get<CommentList>(`/api/v1/rounds/${roundId}/comments`)
}

export function moderateComment(id: number, body: ModerationRequest): Promise<Comment> {
  return http.post<Comment>(`/api/v1/comments/${id}/moderation`, body)
}

export function disposeComment(id: number, body: DispositionRequest): Promise<Comment> {
  return http.post<Comment>(`/api/v1/comments/${id}/disposition`, body)
}

// ---- spot checks ----------------------------------------------------------------------------

/** Publishes the SHA-256 of the seed before the draw (it shows on the public notice). */
export function commitSeed(roundId: number, seedSha256: string): Promise<Commitment> {
  return http.post<Commitment>(`/api/v1/rounds/${roundId}/spot-checks/commitment`, {
    seed_sha256: seedSha256,
  })
}

/** Draws; 422 `seed_mismatch` unless sha256(seed) is the commitment. */
export function drawSpotChecks(roundId: number, body: DrawRequest): Promise<Draw> {
  return http.post<Draw>(`/api/v1/rounds/${roundId}/spot-checks`, body)
}

/** City departments see every check; an evaluator sees the ones drawn for them. */
export function listSpotChecks(roundId: number): Promise<SpotCheckList> {
  return http.get<SpotCheckList>(`/api/v1/rounds/${roundId}/spot-checks`)
}

export function recordSpotCheck(id: number, body: SpotCheckResultRequest): Promise<SpotCheck> {
  return http.post<SpotCheck>(`/api/v1/spot-checks/${id}/result`, body)
}

/** The upload URL for el-upload (multipart, field `file`). */
export function spotCheckPhotoUploadUrl(id: number): string {
  return `/api/v1/spot-checks/${id}/photos`
}

export function listSpotCheckPhotos(id: number): Promise<SpotCheckPhotoList> {
  return http.get<SpotCheckPhotoList>(`/api/v1/spot-checks/${id}/photos`)
}

export function spotCheckPhotoUrl(id: number, photoId: number): string {
  return `/api/v1/spot-checks/${id}/photos/${photoId}`
}
