import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { http } from '@/api/http'
import {
  commitSeed,
  disposeComment,
  drawSpotChecks,
  getNotice,
  listComments,
  listSpotChecks,
  moderateComment,
  noticePageUrl,
  publishNotice,
  recordSpotCheck,
  spotCheckPhotoUploadUrl,
  spotCheckPhotoUrl,
} from '@/api/notice'
import type { Notice } from '@/api/notice/types'
import { jsonResponse, problemResponse, routeFetch } from '../helpers'

const NOTICE: Notice = {
  round: { id: 3, name: '2026年度试点认定', year: 2026 },
  starts_at: '2026-12-01T10:00:00+08:00',
  ends_at: '2026-12-08T10:00:00+08:00',
  status: 'open',
  status_label: '公示中',
  seconds_left: 3600,
  items: [
    {
      community_code: '110101001001',
      community_name: '多福巷社区居委会',
      district_code: '110101',
      district: '东城区',
      street: '东华门街道',
      star: 3,
    },
  ],
  spot_check: null,
}

function body(init: RequestInit): unknown {
  return JSON.parse(init.body as string)
}

describe('api/notice', () => {
  beforeEach(() => http.configure({ csrfToken: () => 'csrf-1' }))
  afterEach(() => {
    vi.unstubAllGlobals()
    http.configure({ csrfToken: () => null })
  })

  it('publishes a round notice with the CSRF token and reads it back publicly', async () => {
    const { fn, calls } = routeFetch({
      'POST /api/v1/rounds/3/notice': () => jsonResponse(NOTICE),
      'GET /api/v1/public/notices/3': () => jsonResponse(NOTICE),
    })
    vi.stubGlobal('fetch', fn)
    expect((await publishNotice(3)).status).toBe('open')
    expect(calls[0]!.headers.get('X-CSRF-Token')).toBe('csrf-1')
    expect((await getNotice(3)).items[0]!.star).toBe(3)
    expect(noticePageUrl(3)).toBe('/public/notices/3')
  })

  it('moderates and disposes comments with the request bodies of the contract', async () => {
    const comment = { id: 9, moderation: 'accepted', disposition: 'upheld' }
    const { fn, calls } = routeFetch({
      'GET /api/v1/rounds/3/comments': () => jsonResponse({ items: [comment] }),
      'POST /api/v1/comments/9/moderation': () => jsonResponse(comment),
      'POST /api/v1/comments/9/disposition': () => jsonResponse(comment),
    })
    vi.stubGlobal('fetch', fn)
    expect((await listComments(3)).items).toHaveLength(1)
    await moderateComment(9, { moderation: 'accepted' })
    await disposeComment(9, { result: 'upheld', response: '经核实属实', star: 2 })
    expect(body(calls[1]!.init)).toEqual({ moderation: 'accepted' })
    expect(body(calls[2]!.init)).toEqual({ result: 'upheld', response: '经核实属实', star: 2 })
  })

  it('commits a seed hash, draws and records results', async () => {
    const check = { id: 5, passed: null, inspectors: ['expert2'] }
    const { fn, calls } = routeFetch({
      'POST /api/v1/rounds/3/spot-checks/commitment': () =>
        jsonResponse({ round_id: 3, seed_sha256: 'a'.repeat(64) }, 201),
      'POST /api/v1/rounds/3/spot-checks': () =>
        jsonResponse({ seed: 's', seed_sha256: 'a'.repeat(64), items: [check] }, 201),
      'GET /api/v1/rounds/3/spot-checks': () => jsonResponse({ items: [check] }),
      'POST /api/v1/spot-checks/5/result': () => jsonResponse({ ...check, passed: true }),
    })
    vi.stubGlobal('fetch', fn)
    await commitSeed(3, 'a'.repeat(64))
    expect(body(calls[0]!.init)).toEqual({ seed_sha256: 'a'.repeat(64) })
    const draw = await drawSpotChecks(3, { seed: 'seed-of-sixteen-chars', per_district: 1 })
    expect(draw.items[0]!.inspectors).toEqual(['expert2'])
    expect(body(calls[1]!.init)).toEqual({ seed: 'seed-of-sixteen-chars', per_district: 1 })
    expect((await listSpotChecks(3)).items).toHaveLength(1)
    expect((await recordSpotCheck(5, { passed: true, findings: '属实' })).passed).toBe(true)
    expect(spotCheckPhotoUploadUrl(5)).toBe('/api/v1/spot-checks/5/photos')
    expect(spotCheckPhotoUrl(5, 2)).toBe('/api/v1/spot-checks/5/photos/2')
  })

  it('turns a refused draw into an ApiError with the server code', async () => {
    vi.stubGlobal(
      'fetch',
      routeFetch({
        'POST /api/v1/rounds/3/spot-checks': () =>
          problemResponse(422, { code: 'seed_mismatch', detail: '种子与承诺不符' }),
      }).fn,
    )
    await expect(drawSpotChecks(3, { seed: 'x'.repeat(16), rate: 0.2 })).rejects.toMatchObject({
      status: 422,
      code: 'seed_mismatch',
      message: '种子与承诺不符',
    })
  })
})
