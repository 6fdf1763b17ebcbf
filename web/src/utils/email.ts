/**
 * E-mail addresses as the server accepts them (src/domain/identity/email.cpp): a plain
 * `local@domain` without quoting, spaces or display names; at most 254 characters, the local
 * part at most 64; the domain at least two labels of letters, digits and inner hyphens.
 */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/

export function isValidEmail(address: string): boolean {
  if (address.length > 254) return false
  const parts = address.split('@')
  if (parts.length !== 2) return false
  const [local = '', domain = ''] = parts
  if (local.length === 0 || local.length > 64 || !LOCAL.test(local)) return false
  const labels = domain.split('.')
  return labels.length >= 2 && labels.every((label) => LABEL.test(label))
}
