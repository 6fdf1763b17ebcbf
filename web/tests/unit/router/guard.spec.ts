import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { Role } from '@/api/types'
import { createAppRouter } from '@/router'
import { jsonResponse, problemResponse, routeFetch } from '../helpers'

// The guard is under test, not the pages: every lazily loaded view is a blank component here.
vi.mock('@/layouts/ConsoleLayout.vue', () => import('../blank'))
vi.mock('@/views/Login/Login.vue', () => import('../blank'))
vi.mock('@/views/Home/Home.vue', () => import('../blank'))
vi.mock('@/views/Regions/RegionIndex.vue', () => import('../blank'))
vi.mock('@/views/Regions/RegionDetail.vue', () => import('../blank'))
vi.mock('@/views/Regions/CommunityDetail.vue', () => import('../blank'))
vi.mock('@/views/Standards/StandardList.vue', () => import('../blank'))
vi.mock('@/views/Standards/StandardDetail.vue', () => import('../blank'))
vi.mock('@/views/Users/UserList.vue', () => import('../blank'))
vi.mock('@/views/Audit/AuditLog.vue', () => import('../blank'))
vi.mock('@/views/Error/Forbidden.vue', () => import('../blank'))
vi.mock('@/views/Error/NotFound.vue', () => import('../blank'))

function signedInAs(role: Role | null) {
  const fetchMock = routeFetch({
    'GET /api/v1/me': () =>
      role
        ? jsonResponse({
            user: {
              id: 1,
              username: 'u',
              name: '张三',
              role,
              org_code: '110000',
              org_name: '北京市',
            },
            csrf_token: 'c',
            mfa_enforced: true,
          })
        : problemResponse(401, { title: '未登录' }),
  })
  vi.stubGlobal('fetch', fetchMock.fn)
}

describe('router guard', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    window.history.replaceState(null, '', '/console/')
  })
  afterEach(() => vi.unstubAllGlobals())

  it('sends a signed-out visitor to sign-in and remembers the target', async () => {
    signedInAs(null)
    const router = createAppRouter()
    await router.push('/regions/110101')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/regions/110101')
  })

  it('lets a role open its own modules and refuses the others', async () => {
    signedInAs('sys_admin')
    const router = createAppRouter()
    await router.push('/users')
    expect(router.currentRoute.value.name).toBe('users')
    await router.push('/audit')
    expect(router.currentRoute.value.name).toBe('forbidden')
    await router.push('/regions')
    expect(router.currentRoute.value.name).toBe('forbidden')
  })

  it('sends a signed-in user away from the sign-in page', async () => {
    signedInAs('community')
    const router = createAppRouter()
    await router.push('/login?redirect=/standards')
    expect(router.currentRoute.value.name).toBe('standards')
  })

  it('shows the 404 page for unknown paths and sets the page title', async () => {
    signedInAs(null)
    const router = createAppRouter()
    await router.push('/no/such/page')
    expect(router.currentRoute.value.name).toBe('not-found')
    expect(document.title).toBe('页面不存在 · 慧星')
  })
})
