import { createRouter, createWebHistory, type LocationQueryValue, type Router } from 'vue-router'

import { translate } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import type { Access } from './access'
import { allows } from './access'
import { routes } from './routes'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    /** i18n key of the page title (document.title). */
    titleKey?: string
    /** Roles that may open the page; absent means any signed-in user. */
    access?: Access
  }
}

/** A sign-in `redirect` target is followed only when it is a path of this console. */
export function safeRedirect(
  value: LocationQueryValue | LocationQueryValue[] | undefined,
): string | null {
  const target = Array.isArray(value) ? value[0] : value
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return null
  if (target.startsWith('/login')) return null
  return target
}

export const APP_TITLE_KEY = 'app.shortName'

export function pageTitle(titleKey: string | undefined, detail?: string): string {
  const parts = [detail, titleKey ? translate(titleKey) : undefined, translate(APP_TITLE_KEY)]
  return parts.filter((part): part is string => Boolean(part)).join(' · ')
}

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })

  router.beforeEach(async (to) => {
    const auth = useAuthStore()
    await auth.restore()
    if (to.meta.public) {
      if (to.name === 'login' && auth.isAuthenticated) {
        return safeRedirect(to.query.redirect) ?? { name: 'home' }
      }
      return true
    }
    if (!auth.isAuthenticated) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    }
    if (!allows(to.meta.access, auth.role)) {
      return { name: 'forbidden', query: { from: to.fullPath } }
    }
    return true
  })

  router.afterEach((to) => {
    document.title = pageTitle(to.meta.titleKey)
  })

  return router
}
