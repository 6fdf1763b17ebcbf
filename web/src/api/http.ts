/**
 * The console's one HTTP client. Every request to the server goes through here, so that the
 * rules of DESIGN.md §3 are applied in one place:
 *
 * - JSON in, JSON out; errors arrive as `application/problem+json` and become an {@link ApiError}
 *   whose message is readable as it stands (the server writes Chinese `detail`/`title`).
 * - The session lives in an HttpOnly cookie (`credentials: 'same-origin'`); the bearer token the
 *   sign-in answer carries is never stored by the console, in memory or in localStorage.
 * - Every non-GET request carries the CSRF token as `X-CSRF-Token`. The token is held in the auth
 *   store (memory only) and read through a hook, so this module imports no store.
 * - A 401 anywhere calls the `onUnauthorized` hook (the app sends the user to sign in and
 *   remembers where they were going), unless the request opts out.
 */

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface ProblemFieldError {
  field: string
  message: string
}

/** The body of an `application/problem+json` answer (RFC 9457 plus the project's fields). */
export interface Problem {
  type?: string
  title?: string
  status: number
  detail?: string
  code?: string
  errors?: ProblemFieldError[]
  request_id?: string
}

/** `status` 0 with this code means the server could not be reached at all. */
export const NETWORK_ERROR_CODE = 'network_error'

export class ApiError extends Error {
  readonly status: number
  /** The problem's machine-readable `code` (`bad_credentials`, `not_eligible`…), or ''. */
  readonly code: string
  readonly problem: Problem

  constructor(problem: Problem) {
    super(readableMessage(problem))
    this.name = 'ApiError'
    this.status = problem.status
    this.code = problem.code ?? ''
    this.problem = problem
  }

  get requestId(): string | undefined {
    return this.problem.request_id
  }

  /** Field errors keyed by field name, ready for `<el-form-item :error>`. */
  fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {}
    for (const error of this.problem.errors ?? []) {
      const previous = result[error.field]
      result[error.field] = previous ? `${previous}；${error.message}` : error.message
    }
    return result
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError
}

/**
 * The text a person reads for a problem: the server's `detail` (specific: "账户已锁定，请15分钟后再试"),
 * else its `title`, else the status. Field errors are appended when the problem says nothing else.
 */
export function readableMessage(problem: Problem): string {
  const detail = problem.detail?.trim()
  const title = problem.title?.trim()
  const fields = (problem.errors ?? []).map((error) => error.message.trim()).filter(Boolean)
  let text = detail || title || ''
  if (!detail && fields.length > 0) {
    text = text ? `${text}：${fields.join('；')}` : fields.join('；')
  }
  if (!text) text = problem.status === 0 ? 'Network error' : `HTTP ${problem.status}`
  return text
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue | readonly (string | number)[]>

export interface RequestOptions {
  method?: HttpMethod
  query?: Query
  /** Serialised as JSON. */
  body?: unknown
  /** A file sent as it is (an XLSX workbook), with its media type; instead of `body`. */
  file?: { data: Blob; contentType: string }
  signal?: AbortSignal
  /** Do not call `onUnauthorized` on 401 (sign-in itself, the silent session check). */
  skipAuthRedirect?: boolean
  headers?: Record<string, string>
}

export interface DownloadedFile {
  blob: Blob
  filename: string | null
}

export interface HttpClientConfig {
  /** Prefix of every path, normally '' (same origin as the console). */
  baseUrl: string
  /** Resolved on every call, so tests can stub the global `fetch`. */
  fetch: () => typeof fetch
  csrfToken: () => string | null
  onUnauthorized: (error: ApiError) => void
}

const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set<HttpMethod>(['GET', 'HEAD'])

export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) {
      for (const item of value as readonly (string | number)[]) params.append(key, String(item))
    } else {
      params.append(key, String(value))
    }
  }
  const search = params.toString()
  return `${baseUrl}${path}${search ? `?${search}` : ''}`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** Reads whatever an error answer carries into a {@link Problem}, never throwing. */
export async function problemFromResponse(response: Response): Promise<Problem> {
  const fallback: Problem = { status: response.status, title: response.statusText || undefined }
  const contentType = response.headers.get('Content-Type') ?? ''
  if (!/json/i.test(contentType)) return fallback
  let body: unknown
  try {
    body = await response.json()
  } catch {
    return fallback
  }
  if (!isRecord(body)) return fallback
  const errors: ProblemFieldError[] = []
  if (Array.isArray(body.errors)) {
    for (const item of body.errors as unknown[]) {
      if (isRecord(item) && typeof item.message === 'string') {
        errors.push({ field: optionalString(item.field) ?? '', message: item.message })
      }
    }
  }
  return {
    type: optionalString(body.type),
    title: optionalString(body.title) ?? fallback.title,
    status: typeof body.status === 'number' ? body.status : response.status,
    detail: optionalString(body.detail),
    code: optionalString(body.code),
    errors,
    request_id:
      optionalString(body.request_id) ?? response.headers.get('X-Request-Id') ?? undefined,
  }
}

function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null
  const encoded = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header)
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim().replace(/^"|"$/g, ''))
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header)
  return plain?.[1]?.trim() ?? null
}

export function createHttpClient(initial: Partial<HttpClientConfig> = {}) {
  const config: HttpClientConfig = {
    baseUrl: '',
    fetch: () => globalThis.fetch.bind(globalThis),
    csrfToken: () => null,
    onUnauthorized: () => undefined,
    ...initial,
  }

  async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
    const method = options.method ?? 'GET'
    const headers: Record<string, string> = { Accept: accept, ...options.headers }
    let body: string | Blob | undefined
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(options.body)
    } else if (options.file) {
      headers['Content-Type'] = options.file.contentType
      body = options.file.data
    }
    if (!SAFE_METHODS.has(method)) {
      const token = config.csrfToken()
      if (token) headers['X-CSRF-Token'] = token
    }
    let response: Response
    try {
      response = await config.fetch()(buildUrl(config.baseUrl, path, options.query), {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: options.signal,
      })
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
      throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE })
    }
    if (response.ok) return response
    const error = new ApiError(await problemFromResponse(response))
    if (error.status === 401 && !options.skipAuthRedirect) config.onUnauthorized(error)
    throw error
  }

  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await send(path, options, 'application/json')
    if (response.status === 204) return undefined as T
    const text = await response.text()
    if (!text) return undefined as T
    return JSON.parse(text) as T
  }

  return {
    configure(patch: Partial<HttpClientConfig>): void {
      Object.assign(config, patch)
    },
    request,
    get<T>(path: string, query?: Query, options: RequestOptions = {}): Promise<T> {
      return request<T>(path, { ...options, method: 'GET', query })
    },
    post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
      return request<T>(path, { ...options, method: 'POST', body })
    },
    put<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
      return request<T>(path, { ...options, method: 'PUT', body })
    },
    delete<T>(path: string, options: RequestOptions = {}): Promise<T> {
      return request<T>(path, { ...options, method: 'DELETE' })
    },
    /** A file answer (CSV export…): the body as a Blob and the name the server suggests. */
    async download(path: string, query?: Query, accept = '*/*'): Promise<DownloadedFile> {
      const response = await send(path, { method: 'GET', query }, accept)
      return {
        blob: await response.blob(),
        filename: filenameFromDisposition(response.headers.get('Content-Disposition')),
      }
    },
  }
}

export type HttpClient = ReturnType<typeof createHttpClient>

/** The client the app uses; `main.ts` wires its CSRF and 401 hooks to the auth store and router. */
export const http = createHttpClient()
