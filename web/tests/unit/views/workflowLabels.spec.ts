import { describe, expect, it } from 'vitest'

import { beijing, PRESET_STATE } from '@/views/Workflow/labels'

describe('workflow labels', () => {
  it('reads a picked wall-clock time as Beijing time', () => {
    expect(beijing('2026-10-31 23:59:59')).toBe('2026-10-31T23:59:59+08:00')
  })

  it('presets each reviewing role to its own 待办', () => {
    expect(PRESET_STATE.street).toBe('submitted')
    expect(PRESET_STATE.district_it).toBe('street_approved')
    expect(PRESET_STATE.city_social).toBe('recommended')
    expect(PRESET_STATE.evaluator).toBe('evaluating')
    expect(PRESET_STATE.community).toBeUndefined()
  })
})
