import { defineStore } from 'pinia'
import { ref } from 'vue'

import { DEFAULT_LOCALE, i18n, isAppLocale, type AppLocale } from '@/i18n'

/** The language choice is a preference, not a secret, so it may be remembered in localStorage. */
const STORAGE_KEY = 'huixing.locale'

function readStoredLocale(): AppLocale {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY)
    if (stored && isAppLocale(stored)) return stored
  } catch {
    // storage may be unavailable (private mode); the default applies
  }
  return DEFAULT_LOCALE
}

export const useLocaleStore = defineStore('locale', () => {
  const locale = ref<AppLocale>(readStoredLocale())

  function apply(next: AppLocale): void {
    i18n.global.locale.value = next
    document.documentElement.lang = next
  }

  function setLocale(next: AppLocale): void {
    locale.value = next
    apply(next)
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next)
    } catch {
      // not remembered; still applied for this page
    }
  }

  apply(locale.value)
  return { locale, setLocale }
})
