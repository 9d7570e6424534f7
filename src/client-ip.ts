import { isIP } from 'node:net';

// The client's address for the login throttle and the audit trail. X-Forwarded-For is anyone's to write, so it is
// read only when the socket's peer is a configured reverse proxy (TRUSTED_PROXIES); then the list is walked from the
// right, past the trusted proxies, and the first other address is the client. A malformed entry ends the walk at the
// last trusted hop, so a forged or garbled header never yields an address the proxy did not see.
export function clientAddress(peer: string, forwardedFor: string | undefined, trusted: ReadonlySet<string>): string {
  if (!trusted.has(bare(peer)) || !forwardedFor) return peer;
  let client = peer;
  for (const hop of forwardedFor
    .split(',')
    .map((h) => h.trim())
    .reverse()) {
    if (isIP(bare(hop)) === 0) break;
    client = hop;
    if (!trusted.has(bare(hop))) break;
  }
  return client;
}

// Node reports IPv4 peers on a dual-stack socket as ::ffff:a.b.c.d.
const bare = (ip: string) => (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip);
