import { computed, ref, type Ref } from 'vue'

import { isApiError } from '@/api/http'
import { getNotice, listComments, listSpotChecks } from '@/api/notice'
import type { Comment, Notice, SpotCheck } from '@/api/notice/types'
import type { Role } from '@/api/types'
import { describeError } from '@/utils/errors'
import { isCityRole, pendingComments, pendingSpotChecks } from './rules'

/**
 * What a round's notice tabs share: the notice (public JSON; 404 until published), the comments
 * (city departments only) and the spot checks (city departments all; an evaluator theirs).
 * The round page makes one and hands it to each panel; a panel reloads what its action changed.
 */
export function useRoundNotice(roundId: Ref<number>, role: Ref<Role | null>) {
  const notice = ref<Notice | null>(null)
  /** When the notice was read, to count its seconds down without asking again. */
  const loadedAt = ref(0)
  const comments = ref<Comment[]>([])
  const checks = ref<SpotCheck[]>([])
  const loading = ref(false)
  const errorText = ref('')
  const loaded = ref(false)

  const city = computed(() => isCityRole(role.value))
  const mayAct = computed(() => role.value === 'city_social')
  const pendingCommentCount = computed(() => pendingComments(comments.value))
  const pendingCheckCount = computed(() => pendingSpotChecks(checks.value))

  async function loadNotice(): Promise<void> {
    try {
      notice.value = await getNotice(roundId.value)
      loadedAt.value = Date.now()
    } catch (error) {
      if (isApiError(error) && error.status === 404) {
        notice.value = null
        return
      }
      throw error
    }
  }

  async function loadComments(): Promise<void> {
    if (!city.value || !notice.value) {
      comments.value = []
      return
    }
    comments.value = (await listComments(roundId.value)).items
  }

  async function loadChecks(): Promise<void> {
    if (!notice.value || !(city.value || role.value === 'evaluator')) {
      checks.value = []
      return
    }
    try {
      checks.value = (await listSpotChecks(roundId.value)).items
    } catch (error) {
      if (isApiError(error) && error.status === 404) {
        checks.value = []
        return
      }
      throw error
    }
  }

  async function run(step: () => Promise<void>): Promise<void> {
    loading.value = true
    errorText.value = ''
    try {
      await step()
    } catch (error) {
      errorText.value = describeError(error)
    } finally {
      loading.value = false
      loaded.value = true
    }
  }

  function load(): Promise<void> {
    return run(async () => {
      await loadNotice()
      await Promise.all([loadComments(), loadChecks()])
    })
  }

  return {
    notice,
    loadedAt,
    comments,
    checks,
    loading,
    loaded,
    errorText,
    city,
    mayAct,
    pendingCommentCount,
    pendingCheckCount,
    load,
    reloadNotice: () => run(loadNotice),
    reloadComments: () => run(loadComments),
    reloadChecks: () =>
      run(async () => Promise.all([loadNotice(), loadChecks()]).then(() => undefined)),
    /** The star a community is proposed for on the notice (0 when not listed). */
    proposedStar(communityCode: string): number {
      return notice.value?.items.find((item) => item.community_code === communityCode)?.star ?? 0
    },
  }
}

export type RoundNotice = ReturnType<typeof useRoundNotice>
