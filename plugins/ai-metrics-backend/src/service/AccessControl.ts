import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import { PermissionGate } from '@ai-ops-console/console-node';
import {
  aiMetricsIngestPermission,
  aiMetricsReadPermission,
  aiMetricsScrapePermission,
} from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AiModelResource } from '../permissions/rules';
import { ModelOwnership } from './CatalogModelOwnership';
import { PrometheusAccess } from './config';
import { ModelReadScope, ModelWriteScope } from './ModelScopes';
import { ProducerModels, producerOf } from './producer';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * What the console's permission gate decides, applied to the plugin's
 * routes: the scrape access modes, and the models a caller may read or send.
 * Basic permissions are asked of the gate itself.
 */
export class AccessControl {
  readonly gate: PermissionGate;
  private readonly httpAuth: HttpAuthService;
  private readonly ruleset: PermissionRuleset<AiModelResource>;
  private readonly ownership: ModelOwnership;
  private readonly knownModels: () => Promise<string[]>;
  private readonly scrape: { access: PrometheusAccess; tokenDigest?: Buffer };
  private readonly producers: ProducerModels;

  constructor(options: {
    httpAuth: HttpAuthService;
    gate: PermissionGate;
    ruleset: PermissionRuleset<AiModelResource>;
    ownership: ModelOwnership;
    /** Every model name that has metrics, to filter under conditions. */
    knownModels: () => Promise<string[]>;
    /** Who may read the Prometheus exposition. */
    scrape: { access: PrometheusAccess; token?: string };
    /** The models each producing service may write. */
    producers: ProducerModels;
  }) {
    this.httpAuth = options.httpAuth;
    this.gate = options.gate;
    this.ruleset = options.ruleset;
    this.ownership = options.ownership;
    this.knownModels = options.knownModels;
    this.producers = options.producers;
    this.scrape = {
      access: options.scrape.access,
      tokenDigest:
        options.scrape.token === undefined
          ? undefined
          : sha256(options.scrape.token),
    };
  }

  /**
   * Checks a scrape of `/metrics` against `aiMetrics.prometheus.access`. The
   * exposition holds every model's figures, whoever owns it, so by default
   * (permission) it needs `ai-metrics.metrics.scrape`: service principals
   * hold it unless their access restrictions leave it out, users only when
   * granted. Otherwise the configured bearer token, or nothing (public).
   */
  async authorizeScrape(req: Request): Promise<void> {
    const { access, tokenDigest } = this.scrape;
    if (access === 'public') {
      return;
    }
    if (access === 'permission') {
      await this.gate.require(
        await this.credentials(req),
        aiMetricsScrapePermission,
      );
      return;
    }
    const match = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
    // compare digests: equal length, and no timing hint about the token
    if (
      !match ||
      !tokenDigest ||
      !timingSafeEqual(sha256(match[1]), tokenDigest)
    ) {
      throw new AuthenticationError(
        'a valid bearer token (aiMetrics.prometheus.token) is required',
      );
    }
  }

  /** The caller's credentials: a user or a service; 401 otherwise. */
  async credentials(req: Request): Promise<BackstageCredentials> {
    return this.httpAuth.credentials(req, { allow: ['user', 'service'] });
  }

  /**
   * The models the caller may send events of, decided before its batch is
   * read: 403 when it may send none (ingest denied by the policy or by its
   * token's access restrictions, or a service that is no producer). A user
   * is scoped by its decision on `ai-metrics.event.ingest` (e.g. the models
   * its groups own), a service by aiMetrics.ingest.producers.
   */
  async ingestScope(options: {
    credentials: BackstageCredentials;
  }): Promise<ModelWriteScope> {
    const { credentials } = options;
    const decision = await this.gate.conditions(
      credentials,
      aiMetricsIngestPermission,
    );
    const refuse = (message: string, models?: string) =>
      this.gate.refuse({
        credentials,
        permission: aiMetricsIngestPermission,
        resourceRef: models,
        message,
      });
    const producer = producerOf(credentials);
    let producerModels: ((model: string) => boolean) | undefined;
    const { principal } = credentials as BackstageCredentials<
      BackstageServicePrincipal | BackstageUserPrincipal
    >;
    if (principal.type === 'service') {
      producerModels = this.producers.modelsOf(principal.subject);
      if (!producerModels) {
        return refuse(
          `${principal.subject} may not ingest metrics: it is not a producer of aiMetrics.ingest.producers`,
        );
      }
    }
    return new ModelWriteScope({
      producer,
      decision,
      refuse,
      ruleset: this.ruleset,
      ownership: this.ownership,
      producerModels,
    });
  }

  /**
   * For a route that checks no permission (/health): refuses a service
   * token whose access restrictions list the permissions it may use (a
   * producer's, Prometheus'), as it is meant for the routes of those
   * permissions only.
   */
  requireUnrestricted(credentials: BackstageCredentials): void {
    const { principal } = credentials as BackstageCredentials<
      BackstageServicePrincipal | BackstageUserPrincipal
    >;
    if (principal.type === 'service' && principal.accessRestrictions) {
      throw new NotAllowedError(
        'this token is restricted to some permissions, and this route checks none',
      );
    }
  }

  /** The models the caller may read; 403 when it may read none. */
  async readScope(options: {
    credentials: BackstageCredentials;
  }): Promise<ModelReadScope> {
    const { credentials } = options;
    const decision = await this.gate.conditions(
      credentials,
      aiMetricsReadPermission,
    );
    return new ModelReadScope({
      decision,
      refuse: message =>
        this.gate.refuse({
          credentials,
          permission: aiMetricsReadPermission,
          message,
        }),
      ruleset: this.ruleset,
      ownership: this.ownership,
      knownModels: this.knownModels,
    });
  }
}
