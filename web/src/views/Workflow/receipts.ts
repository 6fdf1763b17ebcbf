import type { Role } from '@/api/types'
import type { DistrictPackage, PackageReceipt } from '@/api/workflow/types'
import { CITY_ROLES, DISTRICT_ROLES } from '@/router/access'

/** 第十四条2: the three city departments each receive one copy of a district's package. */
export const RECEIVING_DEPARTMENTS: readonly Role[] = CITY_ROLES

export interface ReceiptRow {
  role: Role
  receipt: PackageReceipt | null
}

/** The three departments in the measures' order, each with its receipt or none yet. */
export function receiptRows(pkg: DistrictPackage): ReceiptRow[] {
  return RECEIVING_DEPARTMENTS.map((role) => ({
    role,
    receipt: pkg.receipts.find((r) => r.role === role) ?? null,
  }))
}

/** Whether the caller's department may still acknowledge this package. */
export function canAcknowledge(pkg: DistrictPackage, role: Role | null): boolean {
  if (role === null || !RECEIVING_DEPARTMENTS.includes(role)) return false
  return pkg.applications.length > 0 && !pkg.receipts.some((r) => r.role === role)
}

/** Who sees the recommendation packages and their lists: the district and city departments. */
export function seesRecommendations(role: Role | null): boolean {
  return role !== null && (RECEIVING_DEPARTMENTS.includes(role) || DISTRICT_ROLES.includes(role))
}

/** How many of the three departments have signed, as "2/3". */
export function receiptProgress(pkg: DistrictPackage): string {
  const signed = RECEIVING_DEPARTMENTS.filter((role) => pkg.receipts.some((r) => r.role === role))
  return `${signed.length}/${RECEIVING_DEPARTMENTS.length}`
}
