import { http } from '../http'
import type { EvaluateRequest, EvaluateResponse } from './types'

export function evaluateRating(
  request: EvaluateRequest,
  options: { signal?: AbortSignal } = {},
): Promise<EvaluateResponse> {
  return http.post<EvaluateResponse>('/api/v1/rating/evaluate', request, options)
}
