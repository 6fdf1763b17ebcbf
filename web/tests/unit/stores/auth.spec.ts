import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { http } from '@/api/http'
import type { SessionUser } from '@/api/session/types'
import { useAuthStore } from '@/stores/auth'
import { jsonResponse, problemResponse, routeFetch } from '../helpers'

const USER: SessionUser = {
  id: 3,
  username: 'dongcheng_social',
  name: '李四',
  role: 'district_social',
  org_code: '110101',
  org_name: '东城区',
}

function installFetch(table: Parameters<typeof routeFetch>[0]) {
  const fetchMock = routeFetch(table)
  vi.stubGlobal('fetch', fetchMock.fn)
  return fetchMock
}

describe('auth store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    localStorage.clear()
    sessionStorage.clear()
    const auth = useAuthStore()
    // As main.ts wires it: the client reads the token from the store.
    http.configure({ csrfToken: () => auth.csrfToken, onUnauthorized: () => auth.clear() })
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('signs in, keeps the CSRF token in memory only, and learns the MFA policy from /me', async () => {
    const fetchMock = installFetch({
      'POST /api/v1/session': () =>
        jsonResponse({ token: 'bearer-secret', csrf_token: 'csrf-1', user: USER }),
      'GET /api/v1/me': () =>
        jsonResponse({ user: USER, csrf_token: 'csrf-1', mfa_enforced: false }),
    })
    const auth = useAuthStore()

    await auth.login({ username: 'dongcheng_social', password: 'Secret-Passw0rd' })

    expect(auth.isAuthenticated).toBe(true)
    expect(auth.role).toBe('district_social')
    expect(auth.csrfToken).toBe('csrf-1')
    expect(auth.mfaEnforced).toBe(false)
    const body = JSON.parse(fetchMock.calls[0]!.init.body as string) as Record<string, unknown>
    expect(body).toEqual({ username: 'dongcheng_social', password: 'Secret-Passw0rd' })
    // Neither the bearer token nor the CSRF token is written anywhere persistent.
    expect(localStorage.length).toBe(0)
    expect(sessionStorage.length).toBe(0)
    expect(JSON.stringify(auth.$state)).not.toContain('bearer-secret')
  })

  it('sends the CSRF token it holds on later non-GET requests', async () => {
    const fetchMock = installFetch({
      'POST /api/v1/session': () =>
        jsonResponse({ token: 't', csrf_token: 'csrf-xyz', user: USER }),
      'GET /api/v1/me': () =>
        jsonResponse({ user: USER, csrf_token: 'csrf-xyz', mfa_enforced: true }),
      'POST /api/v1/rating/evaluate': () => jsonResponse({ eligible_star: 0 }),
    })
    const auth = useAuthStore()
    await auth.login({ username: 'u', password: 'p' })
    await http.post('/api/v1/rating/evaluate', {})
    const evaluate = fetchMock.calls.find((call) => call.url === '/api/v1/rating/evaluate')
    expect(evaluate?.headers.get('X-CSRF-Token')).toBe('csrf-xyz')
  })

  it('passes the server refusal to the form and stays signed out', async () => {
    installFetch({
      'POST /api/v1/session': () =>
        problemResponse(401, { title: '需要动态验证码', code: 'totp_required' }),
    })
    const auth = useAuthStore()
    await expect(auth.login({ username: 'admin', password: 'x' })).rejects.toMatchObject({
      status: 401,
      code: 'totp_required',
    })
    expect(auth.isAuthenticated).toBe(false)
    expect(auth.csrfToken).toBeNull()
  })

  it('restores the session after a reload from GET /api/v1/me, once', async () => {
    const fetchMock = installFetch({
      'GET /api/v1/me': () =>
        jsonResponse({ user: USER, csrf_token: 'csrf-r', mfa_enforced: true }),
    })
    const auth = useAuthStore()
    const [first, second] = await Promise.all([auth.restore(), auth.restore()])
    expect(first).toBe(true)
    expect(second).toBe(true)
    expect(await auth.restore()).toBe(true)
    expect(fetchMock.calls).toHaveLength(1)
    expect(auth.user).toEqual(USER)
    expect(auth.csrfToken).toBe('csrf-r')
    expect(auth.mfaEnforced).toBe(true)
  })

  it('treats 401 on restore as "nobody signed in" without firing the redirect hook', async () => {
    installFetch({ 'GET /api/v1/me': () => problemResponse(401, { title: '未登录' }) })
    const onUnauthorized = vi.fn()
    const auth = useAuthStore()
    http.configure({ onUnauthorized })
    expect(await auth.restore()).toBe(false)
    expect(auth.restored).toBe(true)
    expect(auth.isAuthenticated).toBe(false)
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('logs out: DELETE /api/v1/session with the CSRF token, then forgets everything', async () => {
    const fetchMock = installFetch({
      'POST /api/v1/session': () =>
        jsonResponse({ token: 't', csrf_token: 'csrf-out', user: USER }),
      'GET /api/v1/me': () =>
        jsonResponse({ user: USER, csrf_token: 'csrf-out', mfa_enforced: true }),
      'DELETE /api/v1/session': () => new Response(null, { status: 204 }),
    })
    const auth = useAuthStore()
    await auth.login({ username: 'u', password: 'p' })
    await auth.logout()
    const call = fetchMock.calls.find((c) => c.init.method === 'DELETE')
    expect(call?.headers.get('X-CSRF-Token')).toBe('csrf-out')
    expect(auth.user).toBeNull()
    expect(auth.csrfToken).toBeNull()
    expect(auth.mfaEnforced).toBeNull()
  })

  it('forgets the session locally even when the server cannot be reached on logout', async () => {
    installFetch({
      'POST /api/v1/session': () => jsonResponse({ token: 't', csrf_token: 'c', user: USER }),
      'GET /api/v1/me': () => jsonResponse({ user: USER, csrf_token: 'c', mfa_enforced: true }),
    })
    const auth = useAuthStore()
    await auth.login({ username: 'u', password: 'p' })
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('offline'))),
    )
    await auth.logout()
    expect(auth.isAuthenticated).toBe(false)
  })
})
