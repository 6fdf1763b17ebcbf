import { describe, expect, it } from 'vitest'

import { CERTIFICATION_STATUSES } from '@/api/certifications/types'
import {
  endOfBeijingDay,
  galleryYears,
  isActive,
  needsDeadline,
  STATUS_TAG,
} from '@/views/Certifications/labels'

describe('certification labels', () => {
  it('tags every status, revoked as danger', () => {
    for (const status of CERTIFICATION_STATUSES) expect(STATUS_TAG[status]).toBeTruthy()
    expect(STATUS_TAG.revoked).toBe('danger')
    expect(STATUS_TAG.valid).toBe('success')
  })

  it('lets only valid and rectifying certifications take a further measure', () => {
    expect(isActive('valid')).toBe(true)
    expect(isActive('under_rectification')).toBe(true)
    expect(isActive('revoked')).toBe(false)
    expect(isActive('superseded')).toBe(false)
  })

  it('asks a deadline for rectification only, as the end of that Beijing day', () => {
    expect(needsDeadline('rectification')).toBe(true)
    expect(needsDeadline('revocation')).toBe(false)
    expect(endOfBeijingDay('2027-03-31')).toBe('2027-03-31T23:59:59+08:00')
  })

  it('offers the years from next year back to 2015', () => {
    const years = galleryYears(new Date('2026-12-01T00:00:00Z'))
    expect(years[0]).toBe(2027)
    expect(years.at(-1)).toBe(2015)
  })
})
