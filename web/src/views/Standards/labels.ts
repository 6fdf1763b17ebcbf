import type { IndicatorKind, RuleCondition } from '@/api/standards/types'

export const KIND_TAG: Readonly<Record<IndicatorKind, 'danger' | 'primary' | 'info'>> = {
  constraint: 'danger',
  guiding: 'primary',
  general: 'info',
}

export function kindKey(kind: IndicatorKind): string {
  return `standards.indicatorKinds.${kind}`
}

export function conditionKey(condition: RuleCondition): string {
  return `standards.conditions.${condition}`
}

const STANDARD_KINDS = new Set(['trial', 'construction'])

/** i18n key of a standard's kind, or null for a word the city chose (shown as it is). */
export function standardKindKey(kind: string): string | null {
  return STANDARD_KINDS.has(kind) ? `standards.kinds.${kind}` : null
}
