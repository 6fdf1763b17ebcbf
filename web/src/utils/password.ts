/**
 * The server's password policy, checked early so the form can say what is missing before the
 * request; the server checks again (and also refuses common passwords).
 */
export type PasswordRule = 'length' | 'classes' | 'username'

export const PASSWORD_MIN_LENGTH = 12

export function characterClasses(password: string): number {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/]
  return classes.filter((pattern) => pattern.test(password)).length
}

/** The rules a password breaks; empty when the browser sees nothing wrong. */
export function passwordProblems(password: string, username: string): PasswordRule[] {
  const problems: PasswordRule[] = []
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push('length')
  if (characterClasses(password) < 3) problems.push('classes')
  const name = username.trim().toLowerCase()
  if (name && password.toLowerCase().includes(name)) problems.push('username')
  return problems
}
