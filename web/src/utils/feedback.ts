/**
 * Toasts and confirmations. Element Plus's service components are imported here by hand (with
 * their styles) because templates never name them, so the on-demand resolver cannot see them.
 */
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'

import { ElMessage, ElMessageBox } from 'element-plus'

import { translate } from '@/i18n'
import { describeError, isAbort } from './errors'

export function notifySuccess(message: string): void {
  ElMessage({ type: 'success', message, showClose: true })
}

/** An error sentence already written for a person (no mapping). */
export function notifyErrorText(message: string): void {
  ElMessage({ type: 'error', message, showClose: true, duration: 6000 })
}

export function notifyError(error: unknown): void {
  if (isAbort(error)) return
  ElMessage({ type: 'error', message: describeError(error), showClose: true, duration: 6000 })
}

/** true when the user confirmed, false when they cancelled or closed the box. */
export async function confirmAction(
  message: string,
  options: { title?: string; confirmText?: string; danger?: boolean } = {},
): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, options.title ?? translate('common.confirmTitle'), {
      type: options.danger ? 'warning' : 'info',
      confirmButtonText: options.confirmText ?? translate('common.confirm'),
      cancelButtonText: translate('common.cancel'),
      confirmButtonClass: options.danger ? 'el-button--danger' : undefined,
      autofocus: false,
      closeOnClickModal: false,
    })
    return true
  } catch {
    return false
  }
}
