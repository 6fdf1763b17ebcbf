import type { PageQuery, Paged, Role } from '../types'

export interface UserAccount {
  id: number
  username: string
  name: string
  role: Role
  org_code: string
  org_name: string
  /**
   * For deadline reminders by e-mail; '' when none. Personal data: the server masks it
   * (z***@example.cn) for every reader but sys_admin and the user.
   */
  email?: string
  disabled: boolean
  /** RFC 3339; set while the account is locked after failed sign-ins. */
  locked_until: string | null
  /** The server's Chinese name of the role (the console shows its own translation). */
  role_label?: string
  /** RFC 3339. */
  created_at?: string
}

/**
 * The creation answer: the account, plus its second-factor secret, shown to the administrator
 * once (the server keeps no way to show it again) to hand to the user's authenticator app.
 */
export interface CreatedUser extends UserAccount {
  totp_secret?: string
  /** otpauth://totp/… for an authenticator app. */
  totp_uri?: string
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
  /** Optional; '' or absent for none. */
  email?: string
}

export interface ResetPasswordRequest {
  password: string
}
