import { defineStore } from 'pinia'
import { ref } from 'vue'

import { listNotifications } from '@/api/notifications'

/**
 * The unread count the bell shows, shared with the notifications page (marking read there
 * lowers the bell at once). Refreshed by the layout on navigation and every minute.
 */
export const useUnreadStore = defineStore('notifications-unread', () => {
  const unread = ref(0)

  async function refresh(): Promise<void> {
    try {
      const page = await listNotifications(1, 1)
      unread.value = page.unread
    } catch {
      // The bell is a hint: a failed refresh keeps the last count (the page shows the error).
    }
  }

  function set(count: number): void {
    unread.value = Math.max(0, count)
  }

  return { unread, refresh, set }
})
