import type { CertificationStatus, SanctionKind } from '@/api/certifications/types'

export const STATUS_TAG: Record<CertificationStatus, 'success' | 'warning' | 'danger' | 'info'> = {
  valid: 'success',
  under_rectification: 'warning',
  revoked: 'danger',
  superseded: 'info',
}

/** A revoked or superseded certification takes no further measure (the server answers 409). */
export function isActive(status: CertificationStatus): boolean {
  return status === 'valid' || status === 'under_rectification'
}

export function needsDeadline(kind: SanctionKind): boolean {
  return kind === 'rectification'
}

/** A picked day (YYYY-MM-DD) as the end of that day in Beijing, RFC 3339. */
export function endOfBeijingDay(day: string): string {
  return `${day}T23:59:59+08:00`
}

/** The years a gallery filter offers: from the first smart-community year (2015) to next year. */
export function galleryYears(now: Date = new Date()): number[] {
  const years: number[] = []
  for (let year = now.getFullYear() + 1; year >= 2015; year -= 1) years.push(year)
  return years
}
