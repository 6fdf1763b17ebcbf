/** Types shared by several resources of the API (DESIGN.md §1, §3). */

/** The twelve roles; each user holds one, bound to one node of the division tree. */
export type Role =
  | 'community'
  | 'street'
  | 'district_social'
  | 'district_it'
  | 'district_civil'
  | 'city_social'
  | 'city_econ_it'
  | 'city_civil'
  | 'evaluator'
  | 'sys_admin'
  | 'security_admin'
  | 'audit_admin'

export const ROLES: readonly Role[] = [
  'community',
  'street',
  'district_social',
  'district_it',
  'district_civil',
  'city_social',
  'city_econ_it',
  'city_civil',
  'evaluator',
  'sys_admin',
  'security_admin',
  'audit_admin',
]

/** 三员分立: the three administrators see no business data. */
export const ADMINISTRATOR_ROLES: readonly Role[] = ['sys_admin', 'security_admin', 'audit_admin']

export const BUSINESS_ROLES: readonly Role[] = ROLES.filter(
  (role) => !ADMINISTRATOR_ROLES.includes(role),
)

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

/** `page` counts from 1. */
export interface PageQuery {
  page?: number
  page_size?: number
}

export interface Paged<T> {
  total: number
  items: T[]
}
