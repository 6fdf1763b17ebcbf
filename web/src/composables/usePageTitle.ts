import { watchEffect, type MaybeRefOrGetter, toValue } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute } from 'vue-router'

import { pageTitle } from '@/router'

/** Puts a page's own subject (a district's name…) in front of the route's title. */
export function usePageTitle(detail: MaybeRefOrGetter<string | undefined>): void {
  const route = useRoute()
  const { locale } = useI18n()
  watchEffect(() => {
    void locale.value
    document.title = pageTitle(route.meta.titleKey, toValue(detail))
  })
}
