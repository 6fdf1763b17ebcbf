/** The security policy security_admin keeps (DESIGN.md §3: two-factor sign-in). */
export interface SecurityPolicy {
  /** Whether staff and administrator accounts must sign in with a TOTP code. */
  mfa_required: boolean
}
