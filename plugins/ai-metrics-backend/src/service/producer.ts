import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';

/** Longest producer the store keeps as it is (its column holds 255). */
const MAX_PRODUCER_LENGTH = 200;

/**
 * Who sent a batch, as the scope of its idempotency ids: the subject of a
 * service principal (`plugin:<id>`, `external:<name>` for JWKS tokens, the
 * configured subject of a static token) or the user's entity ref. A longer
 * one is kept as its digest, so that it fits and stays distinct.
 */
export function producerOf(credentials: BackstageCredentials): string {
  const { principal } = credentials as BackstageCredentials<
    | { type: 'service'; subject: string }
    | { type: 'user'; userEntityRef: string }
  >;
  const producer =
    principal.type === 'service' ? principal.subject : principal.userEntityRef;
  return producer.length <= MAX_PRODUCER_LENGTH
    ? producer
    : `sha256:${createHash('sha256').update(producer, 'utf8').digest('hex')}`;
}

/** A glob of model names: `*` stands for any characters, the rest is literal. */
function globToRegExp(glob: string): RegExp {
  const literal = glob
    .split('*')
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('.*')}$`, 's');
}

/**
 * The models each producing service may ingest (aiMetrics.ingest.producers):
 * a service principal writes only models matching one of its globs, and a
 * service that is not listed is no producer.
 */
export class ProducerModels {
  private readonly producers: ReadonlyMap<string, RegExp[]>;

  /** Globs by service subject (`external:<name>`, `plugin:<id>`, a static token's subject). */
  constructor(producers: ReadonlyMap<string, string[]>) {
    this.producers = new Map(
      [...producers].map(([subject, globs]) => [
        subject,
        globs.map(globToRegExp),
      ]),
    );
  }

  /** Whether a model matches the service's globs; undefined when it is no producer. */
  modelsOf(subject: string): ((model: string) => boolean) | undefined {
    const globs = this.producers.get(subject);
    return globs && (model => globs.some(glob => glob.test(model)));
  }
}
