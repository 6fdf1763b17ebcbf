import type { FinalizeRefusal } from '@/api/certifications/types'
import { FINALIZE_REFUSALS } from '@/api/certifications/types'
import type { Comment, SpotCheck } from '@/api/notice/types'
import type { Role } from '@/api/types'
import { CITY_ROLES } from '@/router/access'

export { CITY_ROLES }

/** The roles that see a round's notice, comments and spot checks; city_social alone acts. */
export function isCityRole(role: Role | null): boolean {
  return role !== null && CITY_ROLES.includes(role)
}

/**
 * The stars an upheld comment or a failed spot check may set: lower than proposed, highest
 * first, then 0 (撤销拟认定).
 */
export function lowerStars(proposed: number): number[] {
  const stars: number[] = []
  for (let star = Math.min(Math.trunc(proposed), 5) - 1; star >= 1; star -= 1) stars.push(star)
  stars.push(0)
  return stars
}

/** A choice of lowerStars in words: 撤销拟认定 for 0, else the stars. */
export function lowerStarLabel(
  star: number,
  t: (key: string, params?: Record<string, unknown>) => string,
): string {
  return star === 0 ? t('comments.withdraw') : t('rating.starsLabel', { n: star })
}

export interface Remaining {
  days: number
  hours: number
  minutes: number
}

/** Whole days, hours and minutes of the seconds left (never negative). */
export function splitSeconds(seconds: number): Remaining {
  const total = Math.max(0, Math.floor(seconds))
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3_600),
    minutes: Math.floor((total % 3_600) / 60),
  }
}

/** A comment still needs the city's work: moderation first, then a disposition. */
export function commentNeedsWork(comment: Comment): boolean {
  if (comment.moderation === 'spam') return false
  return comment.moderation === 'pending' || comment.disposition === null
}

export function pendingComments(comments: readonly Comment[]): number {
  return comments.filter(commentNeedsWork).length
}

export function pendingSpotChecks(checks: readonly SpotCheck[]): number {
  return checks.filter((check) => check.passed === null).length
}

export function isFinalizeRefusal(code: string): code is FinalizeRefusal {
  return (FINALIZE_REFUSALS as readonly string[]).includes(code)
}

/** Draw parameters from the form: a number per district, or a rate given in percent. */
export function drawParameters(
  mode: 'per_district' | 'rate',
  perDistrict: number,
  ratePercent: number,
): { per_district: number } | { rate: number } {
  if (mode === 'per_district') return { per_district: Math.max(1, Math.trunc(perDistrict)) }
  const rate = Math.min(100, Math.max(0, ratePercent)) / 100
  return { rate: Math.round(rate * 10_000) / 10_000 }
}

/** The checks grouped by district code, districts in code order. */
export function byDistrict<T extends { district_code: string }>(
  items: readonly T[],
): [string, T[]][] {
  const map = new Map<string, T[]>()
  for (const item of items)
    map.set(item.district_code, [...(map.get(item.district_code) ?? []), item])
  return [...map.entries()].sort(([a], [b]) => a.localeCompare(b))
}
