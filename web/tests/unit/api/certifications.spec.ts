import { afterEach, describe, expect, it, vi } from 'vitest'

import {
  addSanction,
  finalizeRound,
  listCertifications,
  plaqueUrl,
  verifyCertification,
  verifyPageUrl,
} from '@/api/certifications'
import { jsonResponse, problemResponse, routeFetch } from '../helpers'

const SERIAL = 'BJZHSQ-2026-3-000001'

describe('api/certifications', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('queries the gallery with only the filters that are set', async () => {
    const { fn, calls } = routeFetch({
      'GET /api/v1/public/certifications': () =>
        jsonResponse({ total: 0, page: 1, page_size: 20, items: [] }),
    })
    vi.stubGlobal('fetch', fn)
    await listCertifications({ district: '110101', star: 3, q: '', page: 2, page_size: 20 })
    const query = new URL(calls[0]!.url, 'http://x').searchParams
    expect(query.get('district')).toBe('110101')
    expect(query.get('star')).toBe('3')
    expect(query.get('page')).toBe('2')
    expect(query.has('q')).toBe(false)
    expect(query.has('status')).toBe(false)
  })

  it('verifies a serial and files a sanction', async () => {
    const verification = { serial: SERIAL, status: 'revoked', sanctions: [{ kind: 'revocation' }] }
    const { fn, calls } = routeFetch({
      [`GET /api/v1/public/verify/${SERIAL}`]: () => jsonResponse(verification),
      [`POST /api/v1/certifications/${SERIAL}/sanctions`]: () => jsonResponse(verification, 201),
    })
    vi.stubGlobal('fetch', fn)
    expect((await verifyCertification(SERIAL)).status).toBe('revoked')
    await addSanction(SERIAL, { kind: 'revocation', reason: '弄虚作假' })
    expect(JSON.parse(calls[1]!.init.body as string)).toEqual({
      kind: 'revocation',
      reason: '弄虚作假',
    })
  })

  it('finalize refusals keep their code for the dialog', async () => {
    vi.stubGlobal(
      'fetch',
      routeFetch({
        'POST /api/v1/rounds/4/finalize': () =>
          problemResponse(409, { code: 'comments_pending', detail: '尚有2条评议未答复' }),
      }).fn,
    )
    await expect(finalizeRound(4)).rejects.toMatchObject({ status: 409, code: 'comments_pending' })
  })

  it('builds the public plaque and verification addresses', () => {
    expect(plaqueUrl(SERIAL, 'png')).toBe(`/public/plaques/${SERIAL}.png`)
    expect(plaqueUrl(SERIAL, 'pdf')).toBe(`/public/plaques/${SERIAL}.pdf`)
    expect(verifyPageUrl(SERIAL)).toBe(`/public/verify/${SERIAL}`)
  })
})
