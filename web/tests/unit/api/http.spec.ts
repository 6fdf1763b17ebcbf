import { describe, expect, it, vi } from 'vitest'

import {
  ApiError,
  buildUrl,
  createHttpClient,
  NETWORK_ERROR_CODE,
  readableMessage,
} from '@/api/http'
import { jsonResponse, mockFetch, problemResponse } from '../helpers'

function clientWith(responder: Parameters<typeof mockFetch>[0], csrf: string | null = 'csrf-123') {
  const fetchMock = mockFetch(responder)
  const onUnauthorized = vi.fn()
  const client = createHttpClient({
    fetch: () => fetchMock.fn,
    csrfToken: () => csrf,
    onUnauthorized,
  })
  return { client, calls: fetchMock.calls, onUnauthorized }
}

describe('http client: requests', () => {
  it('sends the CSRF token as X-CSRF-Token on POST, with a JSON body and same-origin credentials', async () => {
    const { client, calls } = clientWith(() => jsonResponse({ id: 7 }, 201))
    const answer = await client.post<{ id: number }>('/api/v1/users', { username: 'wang' })

    expect(answer).toEqual({ id: 7 })
    expect(calls).toHaveLength(1)
    const call = calls[0]!
    expect(call.url).toBe('/api/v1/users')
    expect(call.init.method).toBe('POST')
    expect(call.init.credentials).toBe('same-origin')
    expect(call.headers.get('X-CSRF-Token')).toBe('csrf-123')
    expect(call.headers.get('Content-Type')).toBe('application/json')
    expect(JSON.parse(call.init.body as string)).toEqual({ username: 'wang' })
  })

  it('sends the CSRF token on PUT and DELETE too', async () => {
    const { client, calls } = clientWith(() => new Response(null, { status: 204 }))
    await client.put('/api/v1/communities/110101001001/pilot', { pilot: true })
    await client.delete('/api/v1/session')
    expect(calls.map((call) => call.headers.get('X-CSRF-Token'))).toEqual(['csrf-123', 'csrf-123'])
  })

  it('does not send the CSRF token on GET', async () => {
    const { client, calls } = clientWith(() => jsonResponse({ items: [] }))
    await client.get('/api/v1/regions')
    expect(calls[0]!.headers.has('X-CSRF-Token')).toBe(false)
    expect(calls[0]!.init.credentials).toBe('same-origin')
  })

  it('reads the current token on every call (it changes after sign-in)', async () => {
    let token: string | null = null
    const fetchMock = mockFetch(() => jsonResponse({}))
    const client = createHttpClient({ fetch: () => fetchMock.fn, csrfToken: () => token })
    await client.post('/api/v1/rating/evaluate', {})
    token = 'fresh'
    await client.post('/api/v1/rating/evaluate', {})
    expect(fetchMock.calls[0]!.headers.has('X-CSRF-Token')).toBe(false)
    expect(fetchMock.calls[1]!.headers.get('X-CSRF-Token')).toBe('fresh')
  })

  it('builds query strings, dropping empty values', () => {
    expect(
      buildUrl('', '/api/v1/users', { q: '王', role: undefined, page: 2, page_size: 20, x: '' }),
    ).toBe('/api/v1/users?q=%E7%8E%8B&page=2&page_size=20')
    expect(buildUrl('', '/api/v1/regions')).toBe('/api/v1/regions')
  })

  it('answers undefined for 204 No Content', async () => {
    const { client } = clientWith(() => new Response(null, { status: 204 }))
    await expect(client.delete('/api/v1/session')).resolves.toBeUndefined()
  })

  it('downloads a file with the name from Content-Disposition', async () => {
    const { client, calls } = clientWith(
      () =>
        new Response('seq,at\n1,2024-01-01T00:00:00+08:00\n', {
          status: 200,
          headers: {
            'Content-Type': 'text/csv',
            'Content-Disposition': "attachment; filename*=UTF-8''audit-2024.csv",
          },
        }),
    )
    const file = await client.download('/api/v1/audit/export', { outcome: 'failure' }, 'text/csv')
    expect(file.filename).toBe('audit-2024.csv')
    expect(await file.blob.text()).toContain('seq,at')
    expect(calls[0]!.url).toBe('/api/v1/audit/export?outcome=failure')
    expect(calls[0]!.headers.get('Accept')).toBe('text/csv')
  })
})

describe('http client: 401', () => {
  it('calls the unauthorized hook on 401 and still rejects', async () => {
    const { client, onUnauthorized } = clientWith(() =>
      problemResponse(401, { title: '未登录', code: 'unauthenticated' }),
    )
    await expect(client.get('/api/v1/regions')).rejects.toBeInstanceOf(ApiError)
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    expect(onUnauthorized.mock.calls[0]![0]).toMatchObject({ status: 401, code: 'unauthenticated' })
  })

  it('does not call the hook when the request opts out (sign-in, silent session check)', async () => {
    const { client, onUnauthorized } = clientWith(() =>
      problemResponse(401, { title: '用户名或密码错误', code: 'bad_credentials' }),
    )
    await expect(
      client.post('/api/v1/session', { username: 'a', password: 'b' }, { skipAuthRedirect: true }),
    ).rejects.toMatchObject({ status: 401, code: 'bad_credentials' })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('does not call the hook for other statuses', async () => {
    const { client, onUnauthorized } = clientWith(() => problemResponse(403, { title: '无权操作' }))
    await expect(client.get('/api/v1/audit')).rejects.toMatchObject({ status: 403 })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })
})

describe('http client: problem+json → readable message', () => {
  it('uses the detail, keeps code, field errors and request id', async () => {
    const { client } = clientWith(() =>
      problemResponse(423, {
        type: 'about:blank',
        title: '账户已锁定',
        detail: '账户已锁定，请15分钟后再试',
        code: 'locked',
        errors: [],
        request_id: 'req-42',
      }),
    )
    const error = await client
      .post('/api/v1/session', {}, { skipAuthRedirect: true })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    const apiError = error as ApiError
    expect(apiError.message).toBe('账户已锁定，请15分钟后再试')
    expect(apiError.status).toBe(423)
    expect(apiError.code).toBe('locked')
    expect(apiError.requestId).toBe('req-42')
  })

  it('falls back to the title, then to field errors', () => {
    expect(readableMessage({ status: 403, title: '无权操作' })).toBe('无权操作')
    expect(
      readableMessage({
        status: 400,
        title: '请求有误',
        errors: [
          { field: 'password', message: '密码至少12位' },
          { field: 'org_code', message: '区划代码不存在' },
        ],
      }),
    ).toBe('请求有误：密码至少12位；区划代码不存在')
    expect(readableMessage({ status: 502 })).toBe('HTTP 502')
  })

  it('maps field errors by field for the form', async () => {
    const { client } = clientWith(() =>
      problemResponse(400, {
        title: '请求有误',
        errors: [
          { field: 'password', message: '不得包含用户名' },
          { field: 'password', message: '至少12位' },
          { field: 'username', message: '用户名已存在' },
        ],
      }),
    )
    const error = (await client.post('/api/v1/users', {}).catch((e: unknown) => e)) as ApiError
    expect(error.fieldErrors()).toEqual({
      password: '不得包含用户名；至少12位',
      username: '用户名已存在',
    })
  })

  it('copes with an error answer that is not JSON (a proxy page)', async () => {
    const { client } = clientWith(
      () =>
        new Response('<html>Bad Gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'Content-Type': 'text/html' },
        }),
    )
    const error = (await client.get('/api/v1/regions').catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(502)
    expect(error.message).toBe('Bad Gateway')
  })

  it('turns a failed fetch into a network ApiError (status 0)', async () => {
    const fetchFn = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')))
    const client = createHttpClient({ fetch: () => fetchFn })
    const error = (await client.get('/api/v1/me').catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(0)
    expect(error.code).toBe(NETWORK_ERROR_CODE)
  })

  it('lets an abort through untouched', async () => {
    const fetchFn = vi.fn(() => Promise.reject(new DOMException('aborted', 'AbortError')))
    const client = createHttpClient({ fetch: () => fetchFn })
    await expect(client.get('/api/v1/me')).rejects.toMatchObject({ name: 'AbortError' })
  })
})
