import { http } from '../http'
import type { LoginRequest, LoginResponse, MeResponse } from './types'

export function login(request: LoginRequest): Promise<LoginResponse> {
  // A 401 here means wrong credentials or a missing second factor, not an expired session.
  return http.post<LoginResponse>('/api/v1/session', request, { skipAuthRedirect: true })
}

export function logout(): Promise<void> {
  return http.delete<void>('/api/v1/session', { skipAuthRedirect: true })
}

/** Who is signed in; `silent` for the check on page load, where 401 simply means "nobody". */
export function me(options: { silent?: boolean } = {}): Promise<MeResponse> {
  return http.get<MeResponse>('/api/v1/me', undefined, { skipAuthRedirect: options.silent })
}
