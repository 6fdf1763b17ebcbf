import type { Role } from '@/api/types'
import { allows, MODULE_ACCESS, type ModuleName } from './access'

export type MenuIcon =
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
  | 'reports'
  | 'rectification'
  | 'checks'
  | 'ladder'
  | 'pilots'

/** One entry of the side menu and of the home page's cards, defined as data. */
export interface MenuItem {
  module: ModuleName
  /** Route name to open. */
  route: string
  /** Path the menu highlights for this entry and every page below it. */
  path: string
  titleKey: string
  descriptionKey: string
  icon: MenuIcon
}

export const MENU: readonly MenuItem[] = [
  {
    module: 'home',
    route: 'home',
    path: '/',
    titleKey: 'menu.home',
    descriptionKey: 'home.cards.home',
    icon: 'home',
  },
  {
    module: 'rounds',
    route: 'rounds',
    path: '/rounds',
    titleKey: 'menu.rounds',
    descriptionKey: 'home.cards.rounds',
    icon: 'rounds',
  },
  {
    module: 'certifications',
    route: 'certifications',
    path: '/certifications',
    titleKey: 'menu.certifications',
    descriptionKey: 'home.cards.certifications',
    icon: 'certifications',
  },
  {
    module: 'annualReport',
    route: 'annual-report',
    path: '/annual-report',
    titleKey: 'menu.annualReport',
    descriptionKey: 'home.cards.annualReport',
    icon: 'reports',
  },
  {
    module: 'annualReports',
    route: 'annual-reports',
    path: '/annual-reports',
    titleKey: 'menu.annualReports',
    descriptionKey: 'home.cards.annualReports',
    icon: 'reports',
  },
  {
    module: 'rectifications',
    route: 'rectifications',
    path: '/rectifications',
    titleKey: 'menu.rectifications',
    descriptionKey: 'home.cards.rectifications',
    icon: 'rectification',
  },
  {
    module: 'annualChecks',
    route: 'annual-checks',
    path: '/annual-checks',
    titleKey: 'menu.annualChecks',
    descriptionKey: 'home.cards.annualChecks',
    icon: 'checks',
  },
  {
    module: 'sanctionPolicy',
    route: 'sanction-policy',
    path: '/sanction-policy',
    titleKey: 'menu.sanctionPolicy',
    descriptionKey: 'home.cards.sanctionPolicy',
    icon: 'ladder',
  },
  {
    module: 'stats',
    route: 'stats',
    path: '/stats',
    titleKey: 'menu.stats',
    descriptionKey: 'home.cards.stats',
    icon: 'stats',
  },
  {
    module: 'plans',
    route: 'plans',
    path: '/plans',
    titleKey: 'menu.plans',
    descriptionKey: 'home.cards.plans',
    icon: 'plans',
  },
  {
    module: 'regions',
    route: 'regions',
    path: '/regions',
    titleKey: 'menu.regions',
    descriptionKey: 'home.cards.regions',
    icon: 'regions',
  },
  {
    module: 'pilots',
    route: 'pilots',
    path: '/pilots',
    titleKey: 'menu.pilots',
    descriptionKey: 'home.cards.pilots',
    icon: 'pilots',
  },
  {
    module: 'standards',
    route: 'standards',
    path: '/standards',
    titleKey: 'menu.standards',
    descriptionKey: 'home.cards.standards',
    icon: 'standards',
  },
  {
    module: 'users',
    route: 'users',
    path: '/users',
    titleKey: 'menu.users',
    descriptionKey: 'home.cards.users',
    icon: 'users',
  },
  {
    module: 'audit',
    route: 'audit',
    path: '/audit',
    titleKey: 'menu.audit',
    descriptionKey: 'home.cards.audit',
    icon: 'audit',
  },
  {
    module: 'security',
    route: 'security',
    path: '/security',
    titleKey: 'menu.security',
    descriptionKey: 'home.cards.security',
    icon: 'security',
  },
]

/** The entries a role may use, in menu order; nothing for a signed-out visitor. */
export function menuForRole(role: Role | null, menu: readonly MenuItem[] = MENU): MenuItem[] {
  return menu.filter((item) => allows(MODULE_ACCESS[item.module], role))
}

/** The menu entry a path belongs to (the longest matching prefix), for highlighting. */
export function activeMenuPath(path: string, menu: readonly MenuItem[] = MENU): string {
  let best = '/'
  for (const item of menu) {
    if (item.path === '/') continue
    const inside = path === item.path || path.startsWith(`${item.path}/`)
    if (inside && item.path.length > best.length) best = item.path
  }
  // Pages that belong to a module under another path.
  if (best === '/' && path.startsWith('/communities/')) return '/regions'
  if (best === '/' && path.startsWith('/applications/')) return '/rounds'
  return best
}
