import { isApiError, NETWORK_ERROR_CODE } from '@/api/http'
import { translate } from '@/i18n'

const KNOWN_STATUSES = new Set([400, 401, 403, 404, 409, 413, 422, 423, 429, 500, 502, 503, 504])

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

/**
 * One sentence for a person, in the console's language where the server gave nothing better.
 * The server's own text (problem+json `detail`, else `title`) is specific and already Chinese,
 * so it wins; server faults add the request id, which is what an operator needs to find the log.
 */
export function describeError(error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 0 || error.code === NETWORK_ERROR_CODE) return translate('errors.network')
    const problem = error.problem
    const hasText = Boolean(
      problem.detail?.trim() || problem.title?.trim() || (problem.errors?.length ?? 0) > 0,
    )
    const text = hasText
      ? error.message
      : KNOWN_STATUSES.has(error.status)
        ? translate(`errors.status.${error.status}`)
        : translate('errors.unknown', { status: error.status })
    if (error.status >= 500 && error.requestId) {
      return translate('errors.withRequestId', { message: text, id: error.requestId })
    }
    return text
  }
  if (isAbort(error)) return ''
  return translate('errors.unexpected')
}
