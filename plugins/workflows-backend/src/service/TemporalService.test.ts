import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:net';
import { STARTED_BY_ATTRIBUTE } from '../temporal/workflows/searchAttributes';
import { createTestNamespace } from './__testUtils__/temporal';
import { TemporalUnavailableError } from './temporalErrors';
import { TemporalSetupError } from './temporalSetup';
import { TemporalService } from './TemporalService';

// Runs against the real Temporal dev server that scripts/test.sh starts.
const address = process.env.TEMPORAL_ADDRESS;

describe('TemporalService', () => {
  const services: TemporalService[] = [];
  afterAll(() => Promise.all(services.map(s => s.close())));

  const logger = mockServices.logger.mock();
  afterEach(() => jest.clearAllMocks());
  const logged = () => logger.warn.mock.calls.map(c => String(c[0])).join('\n');

  function service(data: object) {
    const s = TemporalService.fromConfig({
      config: new ConfigReader(data),
      logger,
    });
    services.push(s);
    return s;
  }

  it('needs a Temporal server to test against (TEMPORAL_ADDRESS)', () => {
    expect(address).toBeTruthy();
  });

  it('reports a reachable server and its namespace', async () => {
    const health = await service({
      workflows: {
        temporal: {
          address,
          namespace: 'default',
          registerSearchAttributes: true,
        },
      },
    }).health();
    expect(health).toEqual({
      status: 'ok',
      temporal: { namespace: 'default', reachable: true },
    });
  });

  it('reports a namespace that does not exist, and logs why', async () => {
    const health = await service({
      workflows: { temporal: { address, namespace: 'no-such-namespace' } },
    }).health();
    expect(health).toEqual({
      status: 'unavailable',
      temporal: {
        namespace: 'no-such-namespace',
        reachable: false,
        message: 'Temporal is unavailable',
      },
    });
    expect(logged()).toMatch(/no-such-namespace/);
  });

  it("answers a call with Temporal's answer, mapped to the API's errors", async () => {
    const temporal = service({ workflows: { temporal: { address } } });
    const workflowId = `missing-${randomUUID()}`;
    await expect(
      temporal.call(() =>
        temporal.getClient().workflow.getHandle(workflowId).describe(),
      ),
    ).rejects.toThrow(NotFoundError);
    await expect(temporal.call(async () => 'answer')).resolves.toBe('answer');
  });

  describe("in a namespace without the console's search attribute", () => {
    const namespaces: Array<{ remove(): Promise<void> }> = [];
    afterAll(() => Promise.all(namespaces.map(n => n.remove())));
    async function freshNamespace() {
      const created = await createTestNamespace('console-service');
      namespaces.push(created);
      return created.namespace;
    }
    const listed = async (temporal: TemporalService) =>
      (
        await temporal.getConnection().operatorService.listSearchAttributes({
          namespace: temporal.settings.namespace,
        })
      ).customAttributes ?? {};

    it('refuses with the attribute and the command to run, and finds it once an operator added it', async () => {
      const namespace = await freshNamespace();
      const temporal = service({
        workflows: { temporal: { address, namespace } },
      });

      const refused = temporal.ensureStartedByAttribute();
      await expect(refused).rejects.toThrow(TemporalSetupError);
      await expect(refused).rejects.toThrow(
        `temporal operator search-attribute create --namespace ${namespace} --name ${STARTED_BY_ATTRIBUTE} --type Keyword`,
      );
      expect(await listed(temporal)).not.toHaveProperty(STARTED_BY_ATTRIBUTE);
      const health = await temporal.health();
      expect(health).toEqual({
        status: 'unavailable',
        temporal: {
          namespace,
          reachable: true,
          message: expect.stringContaining(STARTED_BY_ATTRIBUTE),
        },
      });

      // the one-time command (scripts/temporal-setup.sh), then the same
      // service without a restart
      const operator = service({
        workflows: { temporal: { address, namespace } },
      });
      await expect(operator.registerSearchAttributes()).resolves.toEqual([
        STARTED_BY_ATTRIBUTE,
      ]);
      await expect(operator.registerSearchAttributes()).resolves.toEqual([]);
      await expect(
        temporal.ensureStartedByAttribute(),
      ).resolves.toBeUndefined();
      expect((await temporal.health()).status).toBe('ok');
    });

    it('adds it itself, once, when registerSearchAttributes is on (development)', async () => {
      const namespace = await freshNamespace();
      const temporal = service({
        workflows: {
          temporal: { address, namespace, registerSearchAttributes: true },
        },
      });
      const once = temporal.ensureStartedByAttribute();
      expect(temporal.ensureStartedByAttribute()).toBe(once);
      await once;
      expect(await listed(temporal)).toHaveProperty(STARTED_BY_ATTRIBUTE);
      // and queries accept it at once: the wait for every service is done
      await expect(
        temporal.call(() =>
          temporal
            .getClient()
            .workflow.count(`${STARTED_BY_ATTRIBUTE} = 'user:default/nobody'`),
        ),
      ).resolves.toMatchObject({ count: 0 });
    });
  });

  describe('with nothing listening', () => {
    let server: Server;
    let closedAddress: string;
    beforeAll(async () => {
      // take a free port, then close it so that nothing listens there
      server = createServer();
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      const port = (server.address() as { port: number }).port;
      await new Promise(resolve => server.close(resolve));
      closedAddress = `127.0.0.1:${port}`;
    });

    it('answers unavailable instead of throwing; the address is logged, not answered', async () => {
      const health = await service({
        workflows: {
          temporal: { address: closedAddress, rpcTimeoutMs: 2000 },
        },
      }).health();
      expect(health.status).toBe('unavailable');
      expect(health.temporal.reachable).toBe(false);
      expect(health.temporal.message).toBe('Temporal is unavailable');
      expect(JSON.stringify(health)).not.toContain(closedAddress);
      expect(logged()).toContain(closedAddress);
    });

    it('gives up a call at the deadline with a 503; the address is logged', async () => {
      const temporal = service({
        workflows: { temporal: { address: closedAddress, rpcTimeoutMs: 500 } },
      });
      const call = temporal.call(() =>
        temporal.getClient().workflow.getHandle('any').describe(),
      );
      await expect(call).rejects.toThrow(TemporalUnavailableError);
      await expect(call).rejects.not.toThrow(closedAddress);
      expect(logged()).toContain(closedAddress);
    });

    it('checks the search attribute again after a failure', async () => {
      const temporal = service({
        workflows: {
          temporal: {
            address: closedAddress,
            rpcTimeoutMs: 500,
            registerSearchAttributes: true,
          },
        },
      });
      const first = temporal.ensureStartedByAttribute();
      await expect(first).rejects.toThrow(TemporalUnavailableError);
      const second = temporal.ensureStartedByAttribute();
      expect(second).not.toBe(first);
      await expect(second).rejects.toThrow(TemporalUnavailableError);
    });
  });
});
