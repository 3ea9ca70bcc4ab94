import { ConfigReader } from '@backstage/config';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTemporalSettings } from './config';

const read = (temporal: object) =>
  readTemporalSettings(new ConfigReader({ workflows: { temporal } }));

describe('readTemporalSettings', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'temporal-tls-'));
    for (const name of ['ca.pem', 'client.pem', 'client-key.pem']) {
      writeFileSync(join(dir, name), `${name} contents`);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string) => join(dir, name);

  it('defaults to the local dev server, in plain text, registering nothing', () => {
    expect(readTemporalSettings(new ConfigReader({}))).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'ai-ops-console',
      tls: false,
      apiKey: undefined,
      rpcTimeoutMs: 5000,
      registerSearchAttributes: false,
    });
  });

  it('sends an API key over TLS unless TLS is turned off explicitly', () => {
    expect(read({ address: 'x:1', apiKey: 'k' })).toMatchObject({
      address: 'x:1',
      tls: true,
      apiKey: 'k',
    });
    expect(read({ apiKey: 'k', tls: {} }).tls).toEqual({});
    expect(read({ apiKey: 'k', tls: false }).tls).toBe(false);
  });

  it('reads the CA, the client pair and the server name for mTLS', () => {
    const { tls } = read({
      tls: {
        caFile: file('ca.pem'),
        certFile: file('client.pem'),
        keyFile: file('client-key.pem'),
        serverName: 'temporal.internal',
      },
    });
    expect(tls).toEqual({
      serverNameOverride: 'temporal.internal',
      serverRootCACertificate: Buffer.from('ca.pem contents'),
      clientCertPair: {
        crt: Buffer.from('client.pem contents'),
        key: Buffer.from('client-key.pem contents'),
      },
    });
  });

  it.each([
    ['nothing set (the production config without its variables)', {}, false],
    ['enabled only: TLS with the system CAs', { enabled: true }, {}],
    [
      'enabled as the string an environment variable gives',
      { enabled: 'true' },
      {},
    ],
    ['off', { enabled: false }, false],
    [
      'a private CA alone',
      { caFile: 'ca.pem' },
      { serverRootCACertificate: expect.any(Buffer) },
    ],
    ['a server name alone', { serverName: 'x' }, { serverNameOverride: 'x' }],
  ])('takes a tls object with %s', (_name, tls, expected) => {
    const withPaths = Object.fromEntries(
      Object.entries(tls).map(([k, v]) => [
        k,
        k.endsWith('File') ? file(String(v)) : v,
      ]),
    );
    expect(read({ tls: withPaths }).tls).toEqual(expected);
  });

  it.each([
    [
      'a file it cannot read, naming the key and the path',
      { caFile: '/nonexistent/ca.pem' },
      'workflows.temporal.tls.caFile: cannot read /nonexistent/ca.pem (ENOENT)',
    ],
    [
      'a certificate without its key',
      { certFile: 'client.pem' },
      'workflows.temporal.tls: certFile and keyFile go together',
    ],
    [
      'a key without its certificate',
      { keyFile: 'client-key.pem' },
      'workflows.temporal.tls: certFile and keyFile go together',
    ],
    [
      'files with TLS turned off',
      { enabled: false, caFile: 'ca.pem' },
      'workflows.temporal.tls.enabled is false but TLS files or a server name are set',
    ],
  ])('refuses %s', (_name, tls, message) => {
    const withPaths = Object.fromEntries(
      Object.entries(tls).map(([k, v]) => [
        k,
        k.endsWith('File') && !String(v).startsWith('/') ? file(String(v)) : v,
      ]),
    );
    expect(() => read({ tls: withPaths })).toThrow(message);
  });

  it('registers search attributes only when told to (development)', () => {
    expect(
      read({ registerSearchAttributes: true }).registerSearchAttributes,
    ).toBe(true);
    expect(read({}).registerSearchAttributes).toBe(false);
  });
});
