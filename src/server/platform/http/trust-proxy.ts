/**
 * Which proxies in front of the server to believe about the client's address (Fastify's
 * `trustProxy`). Behind a reverse proxy it must be set, or every request comes from the proxy and
 * the per-address limits (sign-in throttle, public forms, anonymous audit sample) become global.
 */
export type TrustProxy = boolean | string;

/**
 * SHIFAN_TRUST_PROXY: unset, "", "0" or "false" = trust none (the default); the proxy's addresses
 * or CIDRs, comma-separated ("127.0.0.1", "10.0.0.0/8", or "loopback") — the safe choice, as the
 * client is then the nearest address not of a proxy; "1" or "true" = every X-Forwarded-For entry,
 * only for a proxy that overwrites that header (one that appends lets clients pick an address).
 * Hop counts are refused: Fastify ignores them (a direct client could claim any number of hops).
 */
export function trustProxyFromEnv(value: string | undefined): TrustProxy {
  const v = value?.trim() ?? "";
  if (v === "" || v === "0" || v === "false") return false;
  if (v === "1" || v === "true") return true;
  if (/^\d+$/.test(v)) {
    throw new Error(
      `SHIFAN_TRUST_PROXY=${v}：不支持跳数，请填写代理的地址或网段 / hop counts are not supported; give the proxy's addresses or CIDRs`,
    );
  }
  return v;
}
