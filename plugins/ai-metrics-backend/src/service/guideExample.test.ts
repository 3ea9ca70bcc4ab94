import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createHarness } from '../__testUtils__/routerHarness';

/**
 * The plugin-author guide's metric-producer example, read from the guide
 * itself and sent to the real router: it must stay a batch the API accepts,
 * and its retry must count once, as the guide says.
 */
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

function guideExample(): unknown {
  const guide = readFileSync(
    join(__dirname, '../../../../docs/plugin-author-guide.md'),
    'utf8',
  );
  const section = guide.slice(guide.indexOf('## Produce AI metrics'));
  const block = /```json\n([\s\S]*?)\n```/.exec(section);
  if (!block) throw new Error('no JSON example under "Produce AI metrics"');
  return JSON.parse(block[1]);
}

describe("the plugin-author guide's metric-producer example", () => {
  it('is accepted once, and its retry counts as a duplicate', async () => {
    const example = guideExample() as { events: Array<{ timestamp: string }> };
    const at = Date.parse(example.events[0].timestamp);
    const harness = await createHarness(databases, {
      now: () => at + 60_000,
    });
    const first = await request(harness.app)
      .post('/events')
      .set('Authorization', mockCredentials.service.header())
      .send(example);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      accepted: example.events.length,
      duplicates: 0,
    });
    const retry = await request(harness.app)
      .post('/events')
      .set('Authorization', mockCredentials.service.header())
      .send(example);
    expect(retry.body).toEqual({
      accepted: 0,
      duplicates: example.events.length,
    });
  });
});
