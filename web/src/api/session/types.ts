import type { Role } from '../types'

export interface SessionUser {
  id: number
  username: string
  name: string
  role: Role
  org_code: string
  org_name: string
  /** Only in GET /api/v1/me (the user reads their own address unmasked); '' when none. */
  email?: string
}

export interface LoginRequest {
  username: string
  password: string
  /** The 6-digit code, sent only after the server answered 401 `totp_required`. */
  totp?: string
}

export interface LoginResponse {
  /** Also usable as `Authorization: Bearer`; the console relies on the HttpOnly cookie instead. */
  token: string
  csrf_token: string
  user: SessionUser
}

export interface MeResponse {
  user: SessionUser
  csrf_token: string
  /** false while two-factor sign-in is switched off (demo mode): every page says so. */
  mfa_enforced: boolean
}

/** `code` values of the sign-in problems. */
export type LoginProblemCode = 'bad_credentials' | 'totp_required'
