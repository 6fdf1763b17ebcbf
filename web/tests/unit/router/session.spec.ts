import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'

import { createHttpClient } from '@/api/http'
import { safeRedirect } from '@/router'
import { connectSession, handleUnauthorized } from '@/router/session'
import { useAuthStore } from '@/stores/auth'
import { problemResponse, routeFetch } from '../helpers'

const Blank = defineComponent({ render: () => null })

function testRouter(): Router {
  return createRouter({
    history: createMemoryHistory('/console/'),
    routes: [
      { path: '/login', name: 'login', component: Blank, meta: { public: true } },
      { path: '/', name: 'home', component: Blank },
      { path: '/regions/:code', name: 'region', component: Blank },
    ],
  })
}

describe('401 → sign-in redirect', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => vi.unstubAllGlobals())

  it('clears the session and goes to sign-in, remembering the page', async () => {
    const router = testRouter()
    await router.push('/regions/110101?page=2')
    const auth = useAuthStore()
    auth.user = {
      id: 1,
      username: 'u',
      name: 'U',
      role: 'street',
      org_code: '110101001',
      org_name: 'X',
    }
    auth.csrfToken = 'c'

    handleUnauthorized(auth, router)
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))

    expect(router.currentRoute.value.query.redirect).toBe('/regions/110101?page=2')
    expect(auth.user).toBeNull()
    expect(auth.csrfToken).toBeNull()
  })

  it('stays put when already on a public page', async () => {
    const router = testRouter()
    await router.push('/login')
    const auth = useAuthStore()
    handleUnauthorized(auth, router)
    await Promise.resolve()
    expect(router.currentRoute.value.fullPath).toBe('/login')
  })

  it('is wired to the HTTP client by connectSession', async () => {
    const router = testRouter()
    await router.push('/regions/110105')
    const auth = useAuthStore()
    auth.csrfToken = 'csrf-wired'
    const fetchMock = routeFetch({
      'POST /api/v1/rating/evaluate': () => problemResponse(401, { title: '登录已失效' }),
    })
    const client = createHttpClient({ fetch: () => fetchMock.fn })
    connectSession(client, auth, router)

    await expect(client.post('/api/v1/rating/evaluate', {})).rejects.toMatchObject({ status: 401 })
    expect(fetchMock.calls[0]!.headers.get('X-CSRF-Token')).toBe('csrf-wired')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(router.currentRoute.value.query.redirect).toBe('/regions/110105')
  })
})

describe('safeRedirect', () => {
  it('follows only paths of this console', () => {
    expect(safeRedirect('/regions/110101')).toBe('/regions/110101')
    expect(safeRedirect('//evil.example/')).toBeNull()
    expect(safeRedirect('https://evil.example/')).toBeNull()
    expect(safeRedirect('/login?redirect=/x')).toBeNull()
    expect(safeRedirect(undefined)).toBeNull()
    expect(safeRedirect(['/audit', '/x'])).toBe('/audit')
  })
})
