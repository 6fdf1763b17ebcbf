/**
 * The public notice (公示), public comments (群众评议) and spot checks (抽查) of a round
 * (第十四条3, 第十五条; DESIGN.md §3; docs/openapi.json, tags 公示与评议 and 抽查).
 */

export type NoticeStatus = 'open' | 'ended' | 'finalized'

export interface NoticeRound {
  id: number
  name: string
  year: number
}

/** One proposed community on the notice. */
export interface NoticeItem {
  community_code: string
  community_name: string
  district_code: string
  district: string
  street: string
  star: number
}

/** A drawn check as the public sees it: no inspectors, no findings. */
export interface PublicSpotCheck {
  community_code: string
  community_name: string
  district_code: string
  passed: boolean | null
}

/** The seed commitment, published before the draw; the seed itself only after it. */
export interface NoticeSpotCheck {
  seed_sha256: string
  committed_at: string
  seed: string | null
  drawn_at: string | null
  checks: PublicSpotCheck[]
}

export interface Notice {
  round: NoticeRound
  starts_at: string
  ends_at: string
  status: NoticeStatus
  status_label: string
  seconds_left: number
  items: NoticeItem[]
  spot_check: NoticeSpotCheck | null
}

export interface NoticeSummary {
  round: NoticeRound
  starts_at: string
  ends_at: string
  status: NoticeStatus
  count: number
}

export interface NoticeList {
  items: NoticeSummary[]
}

export type Moderation = 'pending' | 'accepted' | 'spam'
export type Disposition = 'upheld' | 'dismissed'

/** A public comment; private to the city departments, the phone number masked. */
export interface Comment {
  id: number
  round_id: number
  application_id: number
  community_code: string
  community_name: string
  content: string
  name: string
  phone: string
  created_at: string
  moderation: Moderation
  disposition: Disposition | null
  response: string
  disposed_by: string
  disposed_at: string | null
}

export interface CommentList {
  items: Comment[]
}

export interface ModerationRequest {
  moderation: Exclude<Moderation, 'pending'>
}

/** `star` is required when upheld: lower than proposed, 0 withdraws the proposal. */
export interface DispositionRequest {
  result: Disposition
  response: string
  star?: number
}

export interface CommitmentRequest {
  seed_sha256: string
}

export interface Commitment {
  round_id: number
  seed_sha256: string
  committed_by: string
  committed_at: string
  seed: string | null
  drawn_at: string | null
}

/** Either `per_district` (a number in each district) or `rate` (0–1) is given. */
export interface DrawRequest {
  seed: string
  per_district?: number
  rate?: number
  inspectors_per_check?: number
}

export interface SpotCheck {
  id: number
  round_id: number
  application_id: number
  community_code: string
  community_name: string
  district_code: string
  inspectors: string[]
  passed: boolean | null
  findings: string
  recorded_by: string
  recorded_at: string | null
}

export interface SpotCheckList {
  items: SpotCheck[]
}

export interface Draw {
  seed: string
  seed_sha256: string
  items: SpotCheck[]
}

/** A failed check needs `star` (lower than proposed, 0 withdraws) and only city_social records it. */
export interface SpotCheckResultRequest {
  passed: boolean
  findings: string
  star?: number
}

export interface SpotCheckPhoto {
  id: number
  spot_check_id: number
  sha256: string
  size: number
  content_type: string
  file_name: string
  uploaded_by: string
  uploaded_at: string
}

export interface SpotCheckPhotoList {
  items: SpotCheckPhoto[]
}
