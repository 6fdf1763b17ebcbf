import { ref, type Ref } from 'vue'

import { isApiError } from '@/api/http'
import { setUserEmail } from '@/api/users'
import type { UserAccount } from '@/api/users/types'
import { translate } from '@/i18n'
import { isValidEmail } from '@/utils/email'
import { describeError } from '@/utils/errors'

/**
 * The e-mail field of a user (PUT /api/v1/users/{id}/email), shared by the administrators'
 * dialog and the user's own account page: the address is checked here as the server checks it
 * (utils/email.ts); the server's field error lands on the field, any other problem in
 * `generalError`. `save` answers the updated account, or null when nothing was saved.
 */
export function useEmailForm(): {
  email: Ref<string>
  error: Ref<string>
  generalError: Ref<string>
  saving: Ref<boolean>
  clearErrors: () => void
  save: (userId: number, value: string) => Promise<UserAccount | null>
} {
  const email = ref('')
  const error = ref('')
  const generalError = ref('')
  const saving = ref(false)

  function clearErrors(): void {
    error.value = ''
    generalError.value = ''
  }

  async function save(userId: number, value: string): Promise<UserAccount | null> {
    clearErrors()
    const address = value.trim()
    if (address && !isValidEmail(address)) {
      error.value = translate('users.errors.emailFormat')
      return null
    }
    saving.value = true
    try {
      return await setUserEmail(userId, address)
    } catch (failure) {
      const fields = isApiError(failure) ? failure.fieldErrors() : {}
      if (fields.email) error.value = fields.email
      else generalError.value = describeError(failure)
      return null
    } finally {
      saving.value = false
    }
  }

  return { email, error, generalError, saving, clearErrors, save }
}
