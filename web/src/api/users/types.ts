import type { PageQuery, Paged, Role } from '../types'

export interface UserAccount {
  id: number
  username: string
  name: string
  role: Role
  org_code: string
  org_name: string
  disabled: boolean
  /** RFC 3339; set while the account is locked after failed sign-ins. */
  locked_until: string | null
}

export interface UserListQuery extends PageQuery {
  q?: string
  role?: Role
}

export type UserListResponse = Paged<UserAccount>

export interface CreateUserRequest {
  username: string
  password: string
  name: string
  role: Role
  org_code: string
}

export interface ResetPasswordRequest {
  password: string
}
