import type { CertificationSummary } from '@/api/certifications/types'
import type { ApplicationState, ApplicationSummary, Round } from '@/api/workflow/types'

/**
 * The funnel's stages, in the order an application passes them (docs/workflow.md). An
 * application counts in every stage up to the furthest one its state shows it reached: a
 * `rejected` one was recommended, a `not_recommended` one passed the district review.
 */
export const FUNNEL_STAGES = [
  'draft',
  'submitted',
  'street_approved',
  'district_reviewed',
  'recommended',
  'proposed',
  'certified',
] as const satisfies readonly ApplicationState[]

export type FunnelStage = (typeof FUNNEL_STAGES)[number]

const REACHED: Record<ApplicationState, number> = {
  draft: 0,
  submitted: 1,
  returned: 1,
  withdrawn: 1,
  street_approved: 2,
  district_reviewed: 3,
  not_recommended: 3,
  recommended: 4,
  evaluating: 4,
  rejected: 4,
  proposed: 5,
  certified: 6,
}

export function funnel(items: readonly Pick<ApplicationSummary, 'state'>[]): number[] {
  const counts = FUNNEL_STAGES.map(() => 0)
  for (const item of items) {
    const reached = REACHED[item.state] ?? 0
    for (let stage = 0; stage <= reached; stage += 1) counts[stage] = (counts[stage] ?? 0) + 1
  }
  return counts
}

/** The round the dashboard shows: the newest opened one, else the newest. */
export function latestRound(rounds: readonly Round[]): Round | null {
  const sorted = [...rounds].sort(
    (a, b) => b.year - a.year || b.created_at.localeCompare(a.created_at) || b.id - a.id,
  )
  return sorted.find((round) => round.status !== 'draft') ?? sorted[0] ?? null
}

export interface DistrictStars {
  code: string
  name: string
  /** counts[star - 1] */
  counts: number[]
  total: number
}

/** Certified communities by district (code order) and star. */
export function byDistrictAndStar(
  items: readonly Pick<CertificationSummary, 'district_code' | 'district' | 'star'>[],
): DistrictStars[] {
  const map = new Map<string, DistrictStars>()
  for (const item of items) {
    const row = map.get(item.district_code) ?? {
      code: item.district_code,
      name: item.district,
      counts: [0, 0, 0, 0, 0],
      total: 0,
    }
    const index = Math.min(5, Math.max(1, item.star)) - 1
    row.counts[index] = (row.counts[index] ?? 0) + 1
    row.total += 1
    map.set(item.district_code, row)
  }
  return [...map.values()].sort((a, b) => a.code.localeCompare(b.code))
}
