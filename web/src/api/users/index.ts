import { http } from '../http'
import type {
  CreatedUser,
  CreateUserRequest,
  ResetPasswordRequest,
  UserAccount,
  UserListQuery,
  UserListResponse,
} from './types'

export function listUsers(query: UserListQuery): Promise<UserListResponse> {
  return http.get<UserListResponse>('/api/v1/users', { ...query })
}

export function createUser(request: CreateUserRequest): Promise<CreatedUser> {
  return http.post<CreatedUser>('/api/v1/users', request)
}

export function disableUser(id: number): Promise<UserAccount> {
  return http.post<UserAccount>(`/api/v1/users/${id}/disable`)
}

export function enableUser(id: number): Promise<UserAccount> {
  return http.post<UserAccount>(`/api/v1/users/${id}/enable`)
}

/** Lifts the lock that failed sign-ins put on the account (423 until then). */
export function unlockUser(id: number): Promise<UserAccount> {
  return http.post<UserAccount>(`/api/v1/users/${id}/unlock`)
}

/** Sets (or, with '', clears) the address deadline reminders are e-mailed to. */
export function setUserEmail(id: number, email: string): Promise<UserAccount> {
  return http.put<UserAccount>(`/api/v1/users/${id}/email`, { email })
}

export function resetPassword(id: number, request: ResetPasswordRequest): Promise<void> {
  return http.post<void>(`/api/v1/users/${id}/password`, request)
}
