import { reactive, ref, type Ref } from 'vue'

import type { Paged } from '@/api/types'
import { useLoad } from './useLoad'

/**
 * A server-paged table, as one reactive object for the template (`list.items`, `list.page`…;
 * useLoad for its loading and error state): `fetchPage` asks for one page. `firstPage` loads page 1 again (a new search); `changePage` and `changePageSize` are
 * TablePagination's handlers (a new size starts again at page 1).
 */
export function usePagedList<T>(
  fetchPage: (page: number, pageSize: number) => Promise<Paged<T>>,
  initialPageSize = 20,
) {
  const items = ref([]) as Ref<T[]>
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(initialPageSize)
  const { loading, errorText, load } = useLoad(async () => {
    const answer = await fetchPage(page.value, pageSize.value)
    items.value = answer.items
    total.value = answer.total
  })
  function firstPage(): void {
    page.value = 1
    void load()
  }
  function changePage(next: number): void {
    page.value = next
    void load()
  }
  function changePageSize(next: number): void {
    pageSize.value = next
    firstPage()
  }
  return reactive({
    items,
    total,
    page,
    pageSize,
    loading,
    errorText,
    load,
    firstPage,
    changePage,
    changePageSize,
  })
}
