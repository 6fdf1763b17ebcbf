import { describe, expect, it } from 'vitest'

import type { AppNotification } from '@/api/notifications/types'
import { afterRead, badgeText, notificationTarget, urgencyType } from '@/views/Notifications/rules'

function notification(patch: Partial<AppNotification>): AppNotification {
  return {
    id: 1,
    subject: 'application:5:submit',
    title: '还有 7 天截止：提交申报（多福巷社区）',
    body: '请于 2026-10-31 23:59（北京时间）前提交申报（多福巷社区）。',
    link: '/applications/5',
    deadline: '2026-10-31T23:59:59.999+08:00',
    days_before: 7,
    created_at: '2026-10-24T23:59:59.999+08:00',
    read: false,
    read_at: null,
    ...patch,
  }
}

describe('notification rules', () => {
  it('shows no badge at zero, the count, then 99+', () => {
    expect(badgeText(0)).toBe('')
    expect(badgeText(-3)).toBe('')
    expect(badgeText(Number.NaN)).toBe('')
    expect(badgeText(1)).toBe('1')
    expect(badgeText(99)).toBe('99')
    expect(badgeText(100)).toBe('99+')
  })

  it('colours by how near the deadline is', () => {
    expect(urgencyType(7)).toBe('info')
    expect(urgencyType(3)).toBe('warning')
    expect(urgencyType(1)).toBe('danger')
  })

  it('follows only the console’s own paths', () => {
    expect(notificationTarget(notification({ link: '/applications/5' }))).toBe('/applications/5')
    expect(notificationTarget(notification({ link: '' }))).toBeNull()
    expect(notificationTarget(notification({ link: '//evil.example/x' }))).toBeNull()
    expect(notificationTarget(notification({ link: 'https://evil.example/' }))).toBeNull()
    expect(notificationTarget(notification({ link: 'javascript:alert(1)' }))).toBeNull()
    expect(notificationTarget(notification({ link: '/a?x=<script>' }))).toBeNull()
  })

  it('lowers the unread count once when a reminder is read', () => {
    const items = [notification({ id: 1 }), notification({ id: 2 })]
    const read = notification({ id: 2, read: true, read_at: '2026-10-25T08:00:00+08:00' })
    const next = afterRead(items, read, 2)
    expect(next.unread).toBe(1)
    expect(next.items[1]).toEqual(read)
    expect(next.items[0]).toBe(items[0])
    // Marking an already read one again changes nothing.
    expect(afterRead(next.items, read, 1).unread).toBe(1)
    // Never below zero.
    expect(afterRead(items, read, 0).unread).toBe(0)
  })
})
