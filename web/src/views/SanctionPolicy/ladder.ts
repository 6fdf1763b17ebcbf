import { SANCTION_KINDS, type SanctionKind } from '@/api/certifications/types'
import type { SanctionPolicy } from '@/api/sanctions/types'

/**
 * The ladder of 第二十条 as the console draws it: the four measures from the lightest to the
 * heaviest, each on or off, rectification with its default deadline, and revocation possibly
 * only after a failed rectification.
 */
export interface LadderStep {
  kind: SanctionKind
  /** 1-based position on the full ladder (通报批评 1 … 撤销称号 4). */
  rank: number
  enabled: boolean
  /** Days, on rectification only. */
  days?: number
  /** On revocation only: the policy asks for a failed rectification first. */
  afterRectification?: boolean
}

export function ladderSteps(policy: SanctionPolicy): LadderStep[] {
  return SANCTION_KINDS.map((kind, index) => {
    const step: LadderStep = { kind, rank: index + 1, enabled: policy.enabled.includes(kind) }
    if (kind === 'rectification') step.days = policy.rectification_days
    if (kind === 'revocation') step.afterRectification = policy.revocation_requires_rectification
    return step
  })
}

/** The enabled kinds in ladder order, whatever order the form ticked them in. */
export function orderedKinds(kinds: readonly SanctionKind[]): SanctionKind[] {
  return SANCTION_KINDS.filter((kind) => kinds.includes(kind))
}

/** A copy to edit, so that the page's "now in force" ladder stays as the server holds it. */
export function draftOf(policy: SanctionPolicy): SanctionPolicy {
  return { ...policy, enabled: orderedKinds(policy.enabled) }
}

export type PolicyChange =
  | { field: 'enabled'; kind: SanctionKind; on: boolean }
  | { field: 'rectification_days'; from: number; to: number }
  | { field: 'revocation_requires_rectification'; to: boolean }

/** What saving `next` over `current` changes, in ladder order; empty when nothing does. */
export function policyChanges(current: SanctionPolicy, next: SanctionPolicy): PolicyChange[] {
  const changes: PolicyChange[] = []
  for (const kind of SANCTION_KINDS) {
    const was = current.enabled.includes(kind)
    const is = next.enabled.includes(kind)
    if (was !== is) changes.push({ field: 'enabled', kind, on: is })
  }
  if (current.rectification_days !== next.rectification_days) {
    changes.push({
      field: 'rectification_days',
      from: current.rectification_days,
      to: next.rectification_days,
    })
  }
  if (current.revocation_requires_rectification !== next.revocation_requires_rectification) {
    changes.push({
      field: 'revocation_requires_rectification',
      to: next.revocation_requires_rectification,
    })
  }
  return changes
}

/**
 * A revocation that must follow a failed rectification cannot happen while rectification is
 * off: the server accepts such a ladder, so the form warns before it is saved.
 */
export function revocationUnreachable(policy: SanctionPolicy): boolean {
  return (
    policy.revocation_requires_rectification &&
    policy.enabled.includes('revocation') &&
    !policy.enabled.includes('rectification')
  )
}
