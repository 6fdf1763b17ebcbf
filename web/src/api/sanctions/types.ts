/** The city's sanction ladder (第二十条; docs/supervision.md "Dynamic management and its ladder"). */
import type { SanctionKind } from '../certifications/types'

export type { SanctionKind }

export interface SanctionPolicy {
  /** The kinds a city department may apply, in ladder order as the server keeps them. */
  enabled: SanctionKind[]
  /** The default deadline of a rectification, 7–365 days. */
  rectification_days: number
  /** A revocation only after a failed rectification of the same certification. */
  revocation_requires_rectification: boolean
}
