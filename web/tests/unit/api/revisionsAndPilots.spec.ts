import { afterEach, describe, expect, it, vi } from 'vitest'

import { searchRegions, setPilot } from '@/api/regions'
import { getSanctionPolicy, putSanctionPolicy } from '@/api/sanctions'
import type { SanctionPolicy } from '@/api/sanctions/types'
import { getStandard, importStandard, simulateStandard, XLSX_MEDIA_TYPE } from '@/api/standards'
import { http } from '@/api/http'
import { jsonResponse, problemResponse, routeFetch } from '../helpers'

const SIMULATION = {
  round_id: 7,
  round_name: '2026年试点认定',
  communities: 1,
  changed: 1,
  draft_id: 'bj-trial',
  draft_name: '试行标准',
  draft_version: '2026',
  districts: [],
  by_star: [],
  changes: [],
}

describe('api: standard revisions, pilots and the sanction ladder', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    http.configure({ csrfToken: () => null })
  })

  it('simulates draft rules as JSON and a workbook as it is, with its media type', async () => {
    const { fn, calls } = routeFetch({
      'POST /api/v1/standards/bj-trial/simulate': () => jsonResponse(SIMULATION),
    })
    vi.stubGlobal('fetch', fn)
    const rules = { count: 'constraint' as const, max_star: 3, levels: [] }
    await simulateStandard('bj-trial', { kind: 'rules', rules })
    expect(calls[0]!.headers.get('Content-Type')).toBe('application/json')
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ rules })

    const workbook = new Blob(['PK\x03\x04'])
    const answer = await simulateStandard('bj-trial', {
      kind: 'file',
      file: workbook,
      name: 'trial.xlsx',
      mediaType: XLSX_MEDIA_TYPE,
    })
    expect(answer.draft_id).toBe('bj-trial')
    expect(calls[1]!.headers.get('Content-Type')).toBe(XLSX_MEDIA_TYPE)
    expect(calls[1]!.init.body).toBe(workbook)
  })

  it('imports a file with the CSRF token and reads a revision by number', async () => {
    http.configure({ csrfToken: () => 'tok' })
    const { fn, calls } = routeFetch({
      'POST /api/v1/standards': () =>
        jsonResponse({ id: 'bj-trial', revision: 2, outcome: 'new_revision' }, 201),
      'GET /api/v1/standards/bj-trial': () => jsonResponse({ id: 'bj-trial', revision: 1 }),
    })
    vi.stubGlobal('fetch', fn)
    const imported = await importStandard(new Blob(['{}']), 'application/json')
    expect(imported.outcome).toBe('new_revision')
    expect(calls[0]!.headers.get('X-CSRF-Token')).toBe('tok')
    expect(calls[0]!.headers.get('Content-Type')).toBe('application/json')
    await getStandard('bj-trial', 1)
    expect(new URL(calls[1]!.url, 'http://x').searchParams.get('revision')).toBe('1')
  })

  it('asks for pilots only when the filter is on, and marks one', async () => {
    const { fn, calls } = routeFetch({
      'GET /api/v1/regions/search': () => jsonResponse({ total: 0, items: [] }),
      'PUT /api/v1/communities/110101001001/pilot': () =>
        jsonResponse({ code: '110101001001', pilot: false }),
    })
    vi.stubGlobal('fetch', fn)
    await searchRegions({ q: '', pilot: true, level: 'community', page: 1, page_size: 20 })
    await searchRegions({ q: '多福巷', pilot: false })
    const first = new URL(calls[0]!.url, 'http://x').searchParams
    expect(first.get('pilot')).toBe('true')
    expect(first.get('level')).toBe('community')
    expect(first.has('q')).toBe(false)
    expect(new URL(calls[1]!.url, 'http://x').searchParams.has('pilot')).toBe(false)
    expect((await setPilot('110101001001', false)).pilot).toBe(false)
    expect(JSON.parse(calls[2]!.init.body as string)).toEqual({ pilot: false })
  })

  it('reads the ladder and keeps the server’s field errors on a refused one', async () => {
    const policy: SanctionPolicy = {
      enabled: ['criticism'],
      rectification_days: 5,
      revocation_requires_rectification: false,
    }
    const { fn } = routeFetch({
      'GET /api/v1/sanctions/policy': () => jsonResponse({ ...policy, rectification_days: 90 }),
      'PUT /api/v1/sanctions/policy': () =>
        problemResponse(400, {
          title: '请求无效',
          detail: '默认整改期限应为 7 到 365 天',
          code: 'invalid_request',
          errors: [{ field: 'rectification_days', message: '7 到 365' }],
        }),
    })
    vi.stubGlobal('fetch', fn)
    expect((await getSanctionPolicy()).rectification_days).toBe(90)
    const refused = await putSanctionPolicy(policy).catch((error: unknown) => error)
    expect(refused).toMatchObject({ status: 400, code: 'invalid_request' })
    expect((refused as { fieldErrors(): Record<string, string> }).fieldErrors()).toEqual({
      rectification_days: '7 到 365',
    })
  })
})
