import { computed, ref, type Ref, type WritableComputedRef } from 'vue'

import { notifyError } from '@/utils/feedback'

/**
 * A dialog opened on one object (a report, a check item, a case): `target` is the object or
 * null, `open` is the el-dialog's v-model — closing it clears `target` and calls `onClose`.
 */
export function useDialogTarget<T>(onClose?: () => void): {
  target: Ref<T | null>
  open: WritableComputedRef<boolean>
} {
  const target = ref(null) as Ref<T | null>
  const open = computed({
    get: () => target.value !== null,
    set: (value: boolean) => {
      if (value) return
      target.value = null
      onClose?.()
    },
  })
  return { target, open }
}

/**
 * `busy` while `run` works, for the buttons' loading state; a failure becomes the error toast
 * (notifyError). `run` answers whether the action succeeded.
 */
export function useBusy(): {
  busy: Ref<boolean>
  run: (action: () => Promise<void>) => Promise<boolean>
} {
  const busy = ref(false)
  async function run(action: () => Promise<void>): Promise<boolean> {
    busy.value = true
    try {
      await action()
      return true
    } catch (error) {
      notifyError(error)
      return false
    } finally {
      busy.value = false
    }
  }
  return { busy, run }
}
