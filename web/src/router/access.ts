import type { Role } from '@/api/types'
import { BUSINESS_ROLES } from '@/api/types'

/**
 * Which roles may open which module. The server checks every request again (a permission
 * check in the browser only hides what would be refused); this table decides what the
 * console offers, and the router and the side menu both read it.
 */
export type Access = 'all' | readonly Role[]

export type ModuleName =
  | 'home'
  | 'rounds'
  | 'certifications'
  | 'stats'
  | 'plans'
  | 'regions'
  | 'standards'
  | 'users'
  | 'audit'
  | 'security'
  | 'annualReport'
  | 'annualReports'
  | 'rectifications'
  | 'annualChecks'
  | 'sanctionPolicy'
  | 'pilots'

/** The three city departments (第十四条3): notice, comments, spot checks, naming, sanctions. */
export const CITY_ROLES: readonly Role[] = ['city_social', 'city_econ_it', 'city_civil']
/** The three district departments (第十四条2). */
export const DISTRICT_ROLES: readonly Role[] = ['district_social', 'district_it', 'district_civil']

export const MODULE_ACCESS: Readonly<Record<ModuleName, Access>> = {
  home: 'all',
  // 认定批次 and the applications in them: every business role, each sees its own part.
  rounds: BUSINESS_ROLES,
  // Business data: every role but the three administrators (三员分立).
  // 星级社区: the city departments and the districts read the gallery; city_social sanctions.
  // A community sees its own stars on its home page and its application instead.
  certifications: [...CITY_ROLES, ...DISTRICT_ROLES],
  // 统计分析 and 年度计划 (第十条, 第十四条4): the city sees the whole city, a district its own; the
  // server scopes every figure and decides who may write a plan (district_social, city_social).
  stats: [...CITY_ROLES, ...DISTRICT_ROLES],
  plans: [...CITY_ROLES, ...DISTRICT_ROLES],
  regions: BUSINESS_ROLES,
  standards: 'all',
  // sys_admin manages accounts; security_admin reads them to lift sign-in locks (the server's rule).
  users: ['sys_admin', 'security_admin'],
  audit: ['audit_admin'],
  security: ['security_admin'],
  // 第十八条: a community files its annual report; streets, districts and the city follow the
  // filing (city_social accepts or returns).
  annualReport: ['community'],
  annualReports: ['street', ...DISTRICT_ROLES, ...CITY_ROLES],
  // 第二十条: the sanctioned community files, the districts and the city follow, city_social reviews.
  rectifications: ['community', ...DISTRICT_ROLES, ...CITY_ROLES],
  // 第十九条: the city runs the annual check; drawn inspectors record their results.
  annualChecks: [...CITY_ROLES, 'evaluator'],
  // 第二十条: the ladder of dynamic management; city_social sets it, the departments that follow
  // sanctions read it (the server lets every business role read it).
  sanctionPolicy: [...CITY_ROLES, ...DISTRICT_ROLES],
  // 第九条: the pilot communities; city_social marks them, the departments look them up.
  pilots: [...CITY_ROLES, ...DISTRICT_ROLES],
}

export function allows(access: Access | undefined, role: Role | null): boolean {
  if (access === undefined || access === 'all') return role !== null
  return role !== null && access.includes(role)
}
