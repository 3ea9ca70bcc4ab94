import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
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
 * Authentication and authorization of the plugin's routes, written once:
 * every route asks this class instead of repeating the authorize/deny steps.
 */
export class AccessControl {
  private readonly httpAuth: HttpAuthService;
  private readonly permissions: PermissionsService;
  private readonly ruleset: PermissionRuleset<AiModelResource>;
  private readonly ownership: ModelOwnership;
  private readonly knownModels: () => Promise<string[]>;
  private readonly scrape: { access: PrometheusAccess; tokenDigest?: Buffer };
  private readonly producers: ProducerModels;
  private readonly logger: LoggerService;

  constructor(options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    ruleset: PermissionRuleset<AiModelResource>;
    ownership: ModelOwnership;
    /** Every model name that has metrics, to filter under conditions. */
    knownModels: () => Promise<string[]>;
    /** Who may read the Prometheus exposition. */
    scrape: { access: PrometheusAccess; token?: string };
    /** The models each producing service may write. */
    producers: ProducerModels;
    /** Where the cause goes when the permission service cannot answer. */
    logger: LoggerService;
  }) {
    this.httpAuth = options.httpAuth;
    this.permissions = options.permissions;
    this.ruleset = options.ruleset;
    this.ownership = options.ownership;
    this.knownModels = options.knownModels;
    this.producers = options.producers;
    this.logger = options.logger;
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
      await this.authorize({
        credentials: await this.credentials(req),
        permission: aiMetricsScrapePermission,
      });
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
    const decision = await this.decide({
      credentials,
      permission: aiMetricsIngestPermission,
    });
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `not allowed: ${aiMetricsIngestPermission.name} is required`,
      );
    }
    const producer = producerOf(credentials);
    let producerModels: ((model: string) => boolean) | undefined;
    const { principal } = credentials as BackstageCredentials<
      BackstageServicePrincipal | BackstageUserPrincipal
    >;
    if (principal.type === 'service') {
      producerModels = this.producers.modelsOf(principal.subject);
      if (!producerModels) {
        throw new NotAllowedError(
          `${principal.subject} may not ingest metrics: it is not a producer of aiMetrics.ingest.producers`,
        );
      }
    }
    return new ModelWriteScope({
      producer,
      decision,
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

  /**
   * Checks a basic permission (scrape, admin) for the caller; 403 on DENY.
   * Service principals are allowed by the permission framework unless their
   * token carries access restrictions.
   */
  async authorize(options: {
    credentials: BackstageCredentials;
    permission: BasicPermission;
  }): Promise<void> {
    const [decision] = await this.ask(() =>
      this.permissions.authorize([{ permission: options.permission }], {
        credentials: options.credentials,
      }),
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `not allowed: ${options.permission.name} is required`,
      );
    }
  }

  /** The models the caller may read; 403 when it may read none. */
  async readScope(options: {
    credentials: BackstageCredentials;
  }): Promise<ModelReadScope> {
    const decision = await this.decide({
      credentials: options.credentials,
      permission: aiMetricsReadPermission,
    });
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `not allowed: ${aiMetricsReadPermission.name} is required`,
      );
    }
    return new ModelReadScope({
      decision,
      ruleset: this.ruleset,
      ownership: this.ownership,
      knownModels: this.knownModels,
    });
  }

  /** The conditional decision on a permission of the ai-model resource type. */
  private async decide(options: {
    credentials: BackstageCredentials;
    permission: ResourcePermission<'ai-model'>;
  }): Promise<PolicyDecision> {
    const [decision] = await this.ask(() =>
      this.permissions.authorizeConditional(
        [{ permission: options.permission }],
        { credentials: options.credentials },
      ),
    );
    return decision;
  }

  /**
   * A question to the permission service. When it cannot answer (down, or
   * refusing this plugin), the caller gets a 503 that says only that: the
   * client's error holds the service's address or its answer, whose status
   * would otherwise become ours.
   */
  private async ask<T>(question: () => Promise<T>): Promise<T> {
    try {
      return await question();
    } catch (error) {
      this.logger.warn(
        'the permission service did not answer',
        error instanceof Error ? error : new Error(String(error)),
      );
      throw new ServiceUnavailableError(
        'the permission service is unavailable; retry later',
      );
    }
  }
}
