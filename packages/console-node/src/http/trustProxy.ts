import { Config } from '@backstage/config';

/** Express's own names for address ranges (`trust proxy`). */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `backend.trustProxy` as Express's `trust proxy` must get it, or a refusal
 * that says what to set. Config from the environment is text: `"1"` would
 * reach Express as an address it cannot parse, so a whole number in text is
 * read as the number of proxy hops. Addresses, subnets and Express's range
 * names are passed on (Express checks each at start). `true` is refused: it
 * trusts every address in X-Forwarded-For, the ones a client writes itself
 * included, so any client could pick its own rate-limit bucket.
 *
 * @public
 */
export function readTrustProxy(
  config: Config,
): number | string | string[] | false | undefined {
  const key = 'backend.trustProxy';
  const value = config.getOptional(key);
  if (value === undefined || value === false || typeof value === 'number') {
    return value as number | false | undefined;
  }
  const refuse = () =>
    new Error(
      `${key} is ${JSON.stringify(
        value,
      )}: that trusts every address in X-Forwarded-For, the ones a client sends included. Set the number of proxies in front of the backend (e.g. BACKEND_TRUST_PROXY=1) or their addresses or subnets`,
    );
  if (value === true) throw refuse();
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^\d+$/.test(text)) return Number(text);
    if (/^true$/i.test(text)) throw refuse();
    if (/^false$/i.test(text)) return false;
    if (text === '') return undefined;
    return text;
  }
  if (Array.isArray(value) && value.every(v => typeof v === 'string')) {
    return value as string[];
  }
  throw new Error(
    `${key} must be a number of proxy hops or proxy addresses (${[
      ...RANGE_NAMES,
    ].join(', ')}, IPs or subnets), got ${JSON.stringify(value)}`,
  );
}

/**
 * The root config with `backend.trustProxy` read as {@link readTrustProxy}
 * reads it, for Backstage's root HTTP router, which hands the raw value to
 * Express.
 */
export function withTrustProxy<T extends Config>(config: T): T {
  const trust = readTrustProxy(config);
  // a proxy, not a copy: the root config also notifies of changes, and its
  // methods may rely on private fields of the original
  return new Proxy(config, {
    get(target, property) {
      if (property === 'getOptional') {
        return (key?: string) =>
          key === 'backend.trustProxy' ? trust : target.getOptional(key);
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
