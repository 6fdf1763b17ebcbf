import type { Router } from 'vue-router'

import type { HttpClient } from '@/api/http'

interface SessionState {
  readonly csrfToken: string | null
  clear(): void
}

/**
 * A 401 on any request means the session is gone (expired, revoked, signed out elsewhere): forget
 * the user and go to the sign-in page, remembering where the user was so they come back to it.
 */
export function handleUnauthorized(auth: SessionState, router: Router): void {
  auth.clear()
  const current = router.currentRoute.value
  if (current.meta.public) return
  const query = current.fullPath === '/' ? {} : { redirect: current.fullPath }
  router.replace({ name: 'login', query }).catch((error: unknown) => console.error(error))
}

/** Wires the HTTP client to the session: the CSRF header and the 401 hook. */
export function connectSession(client: HttpClient, auth: SessionState, router: Router): void {
  client.configure({
    csrfToken: () => auth.csrfToken,
    onUnauthorized: () => handleUnauthorized(auth, router),
  })
}
