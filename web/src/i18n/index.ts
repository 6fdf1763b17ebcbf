import { createI18n } from 'vue-i18n'

import en from './locales/en'
import zhCN from './locales/zh-CN'

export type AppLocale = 'zh-CN' | 'en'
export const DEFAULT_LOCALE: AppLocale = 'zh-CN'
export const LOCALES: readonly { value: AppLocale; label: string }[] = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'en', label: 'English' },
]

export function isAppLocale(value: string): value is AppLocale {
  return LOCALES.some((locale) => locale.value === value)
}

export type MessageSchema = typeof zhCN

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zhCN, en },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
})

/** For code outside components (error texts, page titles). */
export function translate(key: string, params: Record<string, unknown> = {}): string {
  return i18n.global.t(key, params)
}
