import { onBeforeUnmount } from 'vue'

/** A function that runs `delay` ms after its last call; cancelled when the component unmounts. */
export function useDebouncedFn<Args extends unknown[]>(
  fn: (...args: Args) => void,
  delay: number,
): { call: (...args: Args) => void; cancel: () => void; flush: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null
  let lastArgs: Args | null = null

  function cancel(): void {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }
  function flush(): void {
    const args = lastArgs
    cancel()
    lastArgs = null
    if (args) fn(...args)
  }
  function call(...args: Args): void {
    lastArgs = args
    cancel()
    timer = setTimeout(flush, delay)
  }
  onBeforeUnmount(cancel)
  return { call, cancel, flush }
}
