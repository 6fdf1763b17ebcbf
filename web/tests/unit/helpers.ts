import { vi } from 'vitest'

export interface RecordedCall {
  url: string
  init: RequestInit
  headers: Headers
}

type Responder = (url: string, init: RequestInit) => Response | Promise<Response>

export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

export function problemResponse(
  status: number,
  problem: Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ status, ...problem }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  })
}

/** A fetch double that records every call and answers through `responder`. */
export function mockFetch(responder: Responder) {
  const calls: RecordedCall[] = []
  const fn = vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    calls.push({ url, init, headers: new Headers(init.headers) })
    return Promise.resolve(responder(url, init))
  })
  return { fn, calls }
}

/** Routes `METHOD path` (path without the query) to a responder; anything else answers 404. */
export function routeFetch(table: Record<string, Responder>) {
  return mockFetch((url, init) => {
    const path = url.split('?')[0] ?? url
    const key = `${(init.method ?? 'GET').toUpperCase()} ${path}`
    const responder = table[key]
    if (!responder) return problemResponse(404, { title: '未找到', detail: `no mock for ${key}` })
    return responder(url, init)
  })
}
