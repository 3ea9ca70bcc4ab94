import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { PrometheusAccess } from './config';
import {
  AuthorizeResult,
  BasicPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import {
  aiMetricsReadPermission,
  aiMetricsScrapePermission,
} from '@internal/backstage-plugin-ai-metrics-common';
import { AuthenticationError } from '@backstage/errors';
import { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AiModelResource } from '../permissions/rules';
import { ModelOwnership } from './CatalogModelOwnership';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * The models one caller may read metrics of, from one conditional decision on
 * `ai-metrics.model.read`.
 */
export class ModelReadScope {
  private readonly decision: PolicyDecision;
  private readonly authorizeModel: (model: AiModelResource) => boolean;
  private readonly ownership: ModelOwnership;
  private readonly knownModels: () => Promise<string[]>;

  constructor(options: {
    decision: PolicyDecision;
    ruleset: PermissionRuleset<AiModelResource>;
    ownership: ModelOwnership;
    knownModels: () => Promise<string[]>;
  }) {
    this.decision = options.decision;
    const authorizer = createConditionAuthorizer(options.ruleset);
    this.authorizeModel = model => authorizer(this.decision, model);
    this.ownership = options.ownership;
    this.knownModels = options.knownModels;
  }

  /**
   * The models a query may read: the requested ones when all of them are
   * allowed (NotAllowedError otherwise), else every allowed model; undefined
   * means every model without restriction.
   */
  async resolve(requested?: string[]): Promise<string[] | undefined> {
    if (this.decision.result === AuthorizeResult.ALLOW) {
      return requested;
    }
    if (this.decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError('not allowed to read AI model metrics');
    }
    if (requested) {
      const models = await this.ownership.getModels(requested);
      const refused = models.filter(model => !this.authorizeModel(model));
      if (refused.length > 0) {
        throw new NotAllowedError(
          `not allowed to read metrics of model ${refused
            .map(m => m.name)
            .join(', ')}`,
        );
      }
      return requested;
    }
    const models = await this.ownership.getModels(await this.knownModels());
    return models.filter(model => this.authorizeModel(model)).map(m => m.name);
  }
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

  constructor(options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    ruleset: PermissionRuleset<AiModelResource>;
    ownership: ModelOwnership;
    /** Every model name that has metrics, to filter under conditions. */
    knownModels: () => Promise<string[]>;
    /** Who may read the Prometheus exposition. */
    scrape: { access: PrometheusAccess; token?: string };
  }) {
    this.httpAuth = options.httpAuth;
    this.permissions = options.permissions;
    this.ruleset = options.ruleset;
    this.ownership = options.ownership;
    this.knownModels = options.knownModels;
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
   * Checks a basic permission (ingest, admin) for the caller; 403 on DENY.
   * Service principals are allowed by the permission framework unless their
   * token carries access restrictions.
   */
  async authorize(options: {
    credentials: BackstageCredentials;
    permission: BasicPermission;
  }): Promise<void> {
    const [decision] = await this.permissions.authorize(
      [{ permission: options.permission }],
      { credentials: options.credentials },
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
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: aiMetricsReadPermission }],
      { credentials: options.credentials },
    );
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
}
