// 三员分立: the audit admin reviews who did what to which object, but sees no business data. The log read through
// the API keeps every key of before/after and masks the values, except identifiers, states and versions; the
// security actions the audit admin exists to review (logins, accounts, roles, policy, refusals) and the audit log's
// own (its exports and daily anchors) stay in full.
// The stored rows are untouched, so the hash chain is verified on the raw values.

export const MASK = '***';
export const SECURITY_ACTION_PREFIXES = ['auth.', 'account.', 'policy.', 'access.', 'audit.'] as const;
const VISIBLE_KEY = /^(id|ids|seq|version|status|result|[a-z][A-Za-z]*(Id|Ids|Status))$/;

export const isSecurityAction = (action: string) => SECURITY_ACTION_PREFIXES.some((p) => action.startsWith(p));

export function maskValues(value: unknown, key?: string): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((item) => maskValues(item, key));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValues(v, k)]));
  return key !== undefined && VISIBLE_KEY.test(key) ? value : MASK;
}

export function maskEntry<T extends { action: string; before: unknown; after: unknown; reason: string }>(entry: T): T {
  if (isSecurityAction(entry.action)) return entry;
  return { ...entry, before: maskValues(entry.before), after: maskValues(entry.after), reason: entry.reason ? MASK : '' };
}
