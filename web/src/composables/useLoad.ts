import { ref, type Ref } from 'vue'

import { describeError } from '@/utils/errors'

/**
 * What a page loads: `loading` while `fetch` runs, and its failure as a sentence for a person in
 * `errorText` (utils/errors describeError; '' again when the next try starts). `load` answers
 * whether the fetch succeeded.
 */
export function useLoad(fetch: () => Promise<void>): {
  loading: Ref<boolean>
  errorText: Ref<string>
  load: () => Promise<boolean>
} {
  const loading = ref(false)
  const errorText = ref('')
  async function load(): Promise<boolean> {
    loading.value = true
    errorText.value = ''
    try {
      await fetch()
      return true
    } catch (error) {
      errorText.value = describeError(error)
      return false
    } finally {
      loading.value = false
    }
  }
  return { loading, errorText, load }
}
