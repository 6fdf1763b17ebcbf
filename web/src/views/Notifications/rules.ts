import type { AppNotification } from '@/api/notifications/types'

/** The bell's badge: nothing at 0, the count up to 99, then "99+". */
export function badgeText(unread: number): string {
  if (!Number.isFinite(unread) || unread <= 0) return ''
  return unread > 99 ? '99+' : String(Math.trunc(unread))
}

/** The tag type of a reminder by how near its deadline was when it fell due. */
export function urgencyType(daysBefore: number): 'danger' | 'warning' | 'info' {
  if (daysBefore <= 1) return 'danger'
  if (daysBefore <= 3) return 'warning'
  return 'info'
}

/**
 * The console path a reminder opens, or null. Only the console's own absolute paths are
 * followed (never another origin or a `javascript:` URL, whatever the server stored).
 */
export function notificationTarget(notification: Pick<AppNotification, 'link'>): string | null {
  const link = notification.link.trim()
  if (!/^\/[A-Za-z0-9/_-]*$/.test(link) || link.startsWith('//')) return null
  return link
}

/** The list after one reminder was marked read, and the unread count to show. */
export function afterRead(
  items: readonly AppNotification[],
  updated: AppNotification,
  unread: number,
): { items: AppNotification[]; unread: number } {
  let changed = false
  const next = items.map((item) => {
    if (item.id !== updated.id) return item
    changed = !item.read && updated.read
    return updated
  })
  return { items: next, unread: changed ? Math.max(0, unread - 1) : unread }
}
