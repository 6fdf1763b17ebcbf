import { describe, expect, it } from 'vitest'

import { ROLES, type Role } from '@/api/types'
import { allows, MODULE_ACCESS } from '@/router/access'
import { activeMenuPath, menuForRole } from '@/router/menu'

const modulesOf = (role: Role | null) => menuForRole(role).map((item) => item.module)

describe('role menu filter', () => {
  it('gives every business role home, rounds, regions and standards, and its after-naming work', () => {
    const base = ['home', 'rounds', 'regions', 'standards']
    const withWork = (work: string[]) => [...base.slice(0, 2), ...work, ...base.slice(2)]
    expect(modulesOf('community')).toEqual(withWork(['annualReport', 'rectifications']))
    expect(modulesOf('street')).toEqual(withWork(['annualReports']))
    expect(modulesOf('evaluator')).toEqual(withWork(['annualChecks']))
  })

  it('adds the certified communities (星级社区) for the city and district departments only', () => {
    const districts: Role[] = ['district_social', 'district_it', 'district_civil']
    const cities: Role[] = ['city_social', 'city_econ_it', 'city_civil']
    const departments: Role[] = [...districts, ...cities]
    for (const role of departments) {
      expect(modulesOf(role), role).toEqual([
        'home',
        'rounds',
        'certifications',
        'annualReports',
        'rectifications',
        ...(cities.includes(role) ? ['annualChecks'] : []),
        'sanctionPolicy',
        'stats',
        'plans',
        'regions',
        'pilots',
        'standards',
      ])
    }
    expect(ROLES.filter((role) => allows(MODULE_ACCESS.certifications, role))).toEqual(departments)
    expect(activeMenuPath('/certifications')).toBe('/certifications')
    expect(ROLES.filter((role) => allows(MODULE_ACCESS.stats, role))).toEqual(departments)
    expect(ROLES.filter((role) => allows(MODULE_ACCESS.plans, role))).toEqual(departments)
    expect(activeMenuPath('/plans')).toBe('/plans')
    // 处理规则 (第二十条) and 试点社区 (第九条): the departments read them, city_social edits.
    expect(ROLES.filter((role) => allows(MODULE_ACCESS.sanctionPolicy, role))).toEqual(departments)
    expect(ROLES.filter((role) => allows(MODULE_ACCESS.pilots, role))).toEqual(departments)
    expect(activeMenuPath('/sanction-policy')).toBe('/sanction-policy')
    expect(activeMenuPath('/pilots')).toBe('/pilots')
    expect(activeMenuPath('/standards/bj-trial/revisions')).toBe('/standards')
  })

  it('gives sys_admin users but no business data (三员分立)', () => {
    expect(modulesOf('sys_admin')).toEqual(['home', 'standards', 'users'])
  })

  it('gives audit_admin the audit log only', () => {
    expect(modulesOf('audit_admin')).toEqual(['home', 'standards', 'audit'])
  })

  it('gives security_admin the accounts (to unlock them) and the security policy, no business data', () => {
    expect(modulesOf('security_admin')).toEqual(['home', 'standards', 'users', 'security'])
  })

  it('shows nothing to a signed-out visitor', () => {
    expect(modulesOf(null)).toEqual([])
  })

  it('offers the administrators’ modules to administrators only', () => {
    const holders = (module: 'users' | 'audit' | 'security') =>
      ROLES.filter((role) => allows(MODULE_ACCESS[module], role))
    expect(holders('users')).toEqual(['sys_admin', 'security_admin'])
    expect(holders('audit')).toEqual(['audit_admin'])
    expect(holders('security')).toEqual(['security_admin'])
  })

  it('highlights the module a page belongs to', () => {
    expect(activeMenuPath('/')).toBe('/')
    expect(activeMenuPath('/regions')).toBe('/regions')
    expect(activeMenuPath('/regions/110101')).toBe('/regions')
    expect(activeMenuPath('/communities/110101001001')).toBe('/regions')
    expect(activeMenuPath('/standards/bj-trial')).toBe('/standards')
    expect(activeMenuPath('/security')).toBe('/security')
    expect(activeMenuPath('/rounds/3')).toBe('/rounds')
    expect(activeMenuPath('/applications/7')).toBe('/rounds')
    expect(activeMenuPath('/usersx')).toBe('/')
  })
})
