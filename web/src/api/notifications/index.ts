import { http } from '../http'
import type { AppNotification, NotificationPage, ReadAllResult } from './types'

export function listNotifications(page = 1, pageSize = 20): Promise<NotificationPage> {
  return http.get<NotificationPage>('/api/v1/notifications', { page, page_size: pageSize })
}

export function markNotificationRead(id: number): Promise<AppNotification> {
  return http.post<AppNotification>(`/api/v1/notifications/${id}/read`)
}

export function markAllNotificationsRead(): Promise<ReadAllResult> {
  return http.post<ReadAllResult>('/api/v1/notifications/read-all')
}

export type { AppNotification, NotificationPage, ReadAllResult }
