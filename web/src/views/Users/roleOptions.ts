import { ROLES, type Role } from '@/api/types'

/** Division codes: the city 110000, a district 6 digits, a street 9, a community 12. */
export const ORG_CODE_PATTERN = /^\d{6}(\d{3}(\d{3})?)?$/

export const ROLE_OPTIONS: readonly Role[] = ROLES
