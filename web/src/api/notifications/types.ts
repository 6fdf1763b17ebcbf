/** The caller's own reminders (docs/workflow.md, src/http/handlers/notifications.cpp). */

export interface AppNotification {
  id: number
  /** What the reminder is about: `application:12:submit`, `annual_report:2026:…`, `rectification:7`. */
  subject: string
  title: string
  body: string
  /** The console path to open ('' when there is none). */
  link: string
  deadline: string
  /** 7, 3 or 1. */
  days_before: number
  created_at: string
  read: boolean
  read_at: string | null
}

export interface NotificationPage {
  total: number
  unread: number
  items: AppNotification[]
}

export interface ReadAllResult {
  marked: number
  unread: number
}
