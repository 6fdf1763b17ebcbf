import type { ApplicationState } from '@/api/workflow/types'
import type { Role } from '@/api/types'

/** The state filter each role starts from on a round's application list (its 待办). */
export const PRESET_STATE: Partial<Record<Role, ApplicationState>> = {
  street: 'submitted',
  district_social: 'street_approved',
  district_it: 'street_approved',
  district_civil: 'street_approved',
  city_social: 'recommended',
  evaluator: 'evaluating',
}

export const STATE_TAG: Record<
  ApplicationState,
  'primary' | 'success' | 'info' | 'warning' | 'danger'
> = {
  draft: 'info',
  submitted: 'primary',
  returned: 'warning',
  street_approved: 'primary',
  district_reviewed: 'primary',
  not_recommended: 'danger',
  recommended: 'success',
  evaluating: 'warning',
  proposed: 'success',
  rejected: 'danger',
  certified: 'success',
  withdrawn: 'info',
}

export { DISTRICT_ROLES } from '@/router/access'

/** A Beijing wall-clock "YYYY-MM-DD HH:mm:ss" as RFC 3339. */
export function beijing(value: string): string {
  return `${value.replace(' ', 'T')}+08:00`
}
