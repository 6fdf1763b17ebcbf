import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { isApiError } from '@/api/http'
import * as sessionApi from '@/api/session'
import type { LoginRequest, SessionUser } from '@/api/session/types'
import type { Role } from '@/api/types'

/**
 * Who is signed in. Everything here lives in memory only: the session itself is the server's
 * HttpOnly cookie, and after a page reload {@link restore} asks the server (GET /api/v1/me) for
 * the user and the CSRF token again. Nothing is written to localStorage or sessionStorage.
 */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<SessionUser | null>(null)
  const csrfToken = ref<string | null>(null)
  /** null until known; false means two-factor sign-in is off (demo mode). */
  const mfaEnforced = ref<boolean | null>(null)
  /** Whether the session check of this page load has run. */
  const restored = ref(false)
  let pendingRestore: Promise<boolean> | null = null

  const isAuthenticated = computed(() => user.value !== null)
  const role = computed<Role | null>(() => user.value?.role ?? null)

  function clear(): void {
    user.value = null
    csrfToken.value = null
    mfaEnforced.value = null
  }

  /** Refreshes user, CSRF token and the MFA policy from the server. */
  async function refresh(options: { silent?: boolean } = {}): Promise<void> {
    const answer = await sessionApi.me(options)
    user.value = answer.user
    csrfToken.value = answer.csrf_token
    mfaEnforced.value = answer.mfa_enforced
  }

  /**
   * Recovers the session after a page load, once: true when someone is signed in. A 401 (or an
   * unreachable server) simply leaves the store signed out; the router then shows the sign-in page.
   */
  function restore(): Promise<boolean> {
    if (restored.value) return Promise.resolve(isAuthenticated.value)
    pendingRestore ??= refresh({ silent: true })
      .then(() => true)
      .catch((error: unknown) => {
        if (!isApiError(error)) console.error(error)
        clear()
        return false
      })
      .finally(() => {
        restored.value = true
        pendingRestore = null
      })
    return pendingRestore
  }

  /** Throws the server's ApiError (bad_credentials, totp_required, 423, 429…) to the form. */
  async function login(request: LoginRequest): Promise<SessionUser> {
    const answer = await sessionApi.login(request)
    user.value = answer.user
    csrfToken.value = answer.csrf_token
    restored.value = true
    // The sign-in answer does not carry the MFA policy; /me does (and confirms the cookie works).
    try {
      await refresh()
    } catch (error) {
      if (!isApiError(error)) console.error(error)
    }
    return answer.user
  }

  /** Ends the session on the server; the local state is cleared whatever the server answers. */
  async function logout(): Promise<void> {
    try {
      await sessionApi.logout()
    } catch (error) {
      if (!isApiError(error)) console.error(error)
    } finally {
      clear()
    }
  }

  return {
    user,
    csrfToken,
    mfaEnforced,
    restored,
    isAuthenticated,
    role,
    clear,
    refresh,
    restore,
    login,
    logout,
  }
})
