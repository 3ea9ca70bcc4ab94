import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { aiMetricsIngestPermission } from '@ai-ops-console/backstage-plugin-ai-metrics-common';
import request from 'supertest';
import {
  aiModelConditions,
  createAiModelConditionalDecision,
} from '../permissions/rules';
import { wireEvent } from '../__testUtils__/events';
import {
  allow,
  createHarness,
  ownershipOf,
  permissionsPolicy,
  serviceHeader,
} from '../__testUtils__/routerHarness';

// Who may send events of which model: users by their decision on
// ai-metrics.event.ingest (catalog ownership), services by
// aiMetrics.ingest.producers.

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const T0 = Date.parse('2026-11-26T10:00:00Z');
const now = () => T0 + 2 * 3_600_000;
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

describe('POST /events: who may write which model', () => {
  // team-a owns gpt-4o in the catalog, team-b owns claude-3-5-sonnet
  const owners = ownershipOf({
    'gpt-4o': ['group:default/team-a'],
    'claude-3-5-sonnet': ['group:default/team-b'],
  });
  // operators may write any model, members of team-a the models team-a owns
  const policy = () =>
    permissionsPolicy({
      'ai-metrics.event.ingest': userRef =>
        userRef === 'user:default/operator'
          ? allow()
          : createAiModelConditionalDecision(
              aiMetricsIngestPermission,
              aiModelConditions.isOwnedBy({
                claims:
                  userRef === 'user:default/alice'
                    ? ['user:default/alice', 'group:default/team-a']
                    : [userRef],
              }),
            ),
    });
  const producers = {
    'external:producer-a': ['gpt-*'],
    'plugin:workflows': ['local-sentiment'],
  };
  const gpt = wireEvent({ id: 'g1', timestamp: at(1), model: 'gpt-4o' });
  const claude = wireEvent({
    id: 'c1',
    timestamp: at(1),
    model: 'claude-3-5-sonnet',
    provider: 'anthropic',
  });
  const local = wireEvent({
    id: 'l1',
    timestamp: at(1),
    model: 'local-sentiment',
  });

  it.each([
    [
      200,
      'producer a, its own model',
      serviceHeader('external:producer-a'),
      [gpt],
    ],
    [
      403,
      "producer a, another team's model",
      serviceHeader('external:producer-a'),
      [claude],
    ],
    [
      403,
      'producer a, a batch with one model not its own',
      serviceHeader('external:producer-a'),
      [gpt, claude],
    ],
    [
      403,
      'a service that is no producer',
      serviceHeader('external:stranger'),
      [gpt],
    ],
    [
      200,
      'the workflows plugin, a model the console runs',
      serviceHeader('plugin:workflows'),
      [local],
    ],
    [
      403,
      'the workflows plugin, any other model',
      serviceHeader('plugin:workflows'),
      [gpt],
    ],
    [
      200,
      'an operator, any model',
      mockCredentials.user.header('user:default/operator'),
      [gpt, claude],
    ],
    [
      200,
      'a member of team-a, its model',
      mockCredentials.user.header('user:default/alice'),
      [gpt],
    ],
    [
      403,
      "a member of team-a, another team's model",
      mockCredentials.user.header('user:default/alice'),
      [claude],
    ],
    [
      403,
      'a user who owns no model',
      mockCredentials.user.header('user:default/bob'),
      [gpt],
    ],
    [401, 'no token', mockCredentials.none.header(), [gpt]],
  ])('answers %p to %s', async (status, _, header, events) => {
    const harness = await createHarness(databases, {
      now,
      permissions: policy(),
      ownership: owners,
      producers,
    });
    const res = await request(harness.app)
      .post('/events')
      .set('Authorization', header)
      .send({ events });
    expect(res.status).toBe(status);
    // a refused batch stores nothing, not even the events it may write
    expect((await harness.store.stats()).rawEvents).toBe(
      status === 200 ? events.length : 0,
    );
  });

  it('names the models refused, and stores the batch once allowed', async () => {
    const harness = await createHarness(databases, {
      now,
      permissions: policy(),
      ownership: owners,
      producers,
    });
    const refused = await request(harness.app)
      .post('/events')
      .set('Authorization', serviceHeader('external:producer-a'))
      .send({ events: [gpt, claude] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'external:producer-a may not ingest metrics of model claude-3-5-sonnet (aiMetrics.ingest.producers)',
    );
    const stranger = await request(harness.app)
      .post('/events')
      .set('Authorization', serviceHeader('external:stranger'))
      .send({ events: [gpt] });
    expect(stranger.body.error.message).toBe(
      'external:stranger may not ingest metrics: it is not a producer of aiMetrics.ingest.producers',
    );
    const user = await request(harness.app)
      .post('/events')
      .set('Authorization', mockCredentials.user.header('user:default/alice'))
      .send({ events: [claude] });
    expect(user.body.error.message).toBe(
      'not allowed to ingest metrics of model claude-3-5-sonnet',
    );
    const allowed = await request(harness.app)
      .post('/events')
      .set('Authorization', serviceHeader('external:producer-a'))
      .send({ events: [gpt] });
    expect(allowed.body).toEqual({ accepted: 1, duplicates: 0 });
  });
});
