import { describe, expect, it } from 'vitest'

import type { SanctionPolicy } from '@/api/sanctions/types'
import {
  draftOf,
  ladderSteps,
  orderedKinds,
  policyChanges,
  revocationUnreachable,
} from '@/views/SanctionPolicy/ladder'

const DEFAULT: SanctionPolicy = {
  enabled: ['criticism', 'warning', 'rectification', 'revocation'],
  rectification_days: 90,
  revocation_requires_rectification: false,
}

describe('sanction ladder (第二十条)', () => {
  it('draws the four measures lightest first, with the deadline and the order where they belong', () => {
    const steps = ladderSteps({
      enabled: ['revocation', 'criticism'],
      rectification_days: 30,
      revocation_requires_rectification: true,
    })
    expect(steps.map((s) => [s.kind, s.rank, s.enabled])).toEqual([
      ['criticism', 1, true],
      ['warning', 2, false],
      ['rectification', 3, false],
      ['revocation', 4, true],
    ])
    expect(steps[2]!.days).toBe(30)
    expect(steps[0]!.days).toBeUndefined()
    expect(steps[3]!.afterRectification).toBe(true)
    expect(steps[1]!.afterRectification).toBeUndefined()
  })

  it('sends the ticked kinds in ladder order and edits a copy', () => {
    expect(orderedKinds(['revocation', 'warning', 'criticism'])).toEqual([
      'criticism',
      'warning',
      'revocation',
    ])
    const draft = draftOf(DEFAULT)
    draft.enabled.pop()
    expect(DEFAULT.enabled).toHaveLength(4)
  })

  it('lists what saving changes, and nothing when nothing does', () => {
    expect(policyChanges(DEFAULT, draftOf(DEFAULT))).toEqual([])
    expect(
      policyChanges(DEFAULT, {
        enabled: ['warning', 'rectification', 'revocation'],
        rectification_days: 60,
        revocation_requires_rectification: true,
      }),
    ).toEqual([
      { field: 'enabled', kind: 'criticism', on: false },
      { field: 'rectification_days', from: 90, to: 60 },
      { field: 'revocation_requires_rectification', to: true },
    ])
    expect(policyChanges({ ...DEFAULT, enabled: ['warning'] }, DEFAULT)).toEqual([
      { field: 'enabled', kind: 'criticism', on: true },
      { field: 'enabled', kind: 'rectification', on: true },
      { field: 'enabled', kind: 'revocation', on: true },
    ])
  })

  it('warns when revocation waits for a rectification that is switched off', () => {
    expect(revocationUnreachable(DEFAULT)).toBe(false)
    const strict = { ...DEFAULT, revocation_requires_rectification: true }
    expect(revocationUnreachable(strict)).toBe(false)
    expect(
      revocationUnreachable({ ...strict, enabled: ['criticism', 'warning', 'revocation'] }),
    ).toBe(true)
    expect(revocationUnreachable({ ...strict, enabled: ['criticism'] })).toBe(false)
  })
})
