import type { Role } from '@/api/types'
import { BUSINESS_ROLES } from '@/api/types'

/**
 * Which roles may open which module. The server checks every request again (a permission
 * check in the browser only hides what would be refused); this table decides what the
 * console offers, and the router and the side menu both read it.
 */
export type Access = 'all' | readonly Role[]

export type ModuleName =
  'home' | 'rounds' | 'regions' | 'standards' | 'users' | 'audit' | 'security'

export const MODULE_ACCESS: Readonly<Record<ModuleName, Access>> = {
  home: 'all',
  // 认定批次 and the applications in them: every business role, each sees its own part.
  rounds: BUSINESS_ROLES,
  // Business data: every role but the three administrators (三员分立).
  regions: BUSINESS_ROLES,
  standards: 'all',
  // sys_admin manages accounts; security_admin reads them to lift sign-in locks (the server's rule).
  users: ['sys_admin', 'security_admin'],
  audit: ['audit_admin'],
  security: ['security_admin'],
}

export function allows(access: Access | undefined, role: Role | null): boolean {
  if (access === undefined || access === 'all') return role !== null
  return role !== null && access.includes(role)
}
