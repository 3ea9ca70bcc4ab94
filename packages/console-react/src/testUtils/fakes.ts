import { ResponseError } from '@backstage/errors';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { act, waitFor } from '@testing-library/react';

/**
 * An API whose every method is a jest mock: those in `impl` (or `defaults`)
 * run as given, the others reject, so that a call no test expected fails
 * loudly.
 */
export function fakeApiOf<T extends object>(
  methods: ReadonlyArray<keyof T & string>,
  impl: Partial<T> = {},
  defaults: Partial<T> = {},
): jest.Mocked<T> {
  const api: Record<string, jest.Mock> = {};
  for (const name of methods) {
    const given = (impl[name] ?? defaults[name]) as
      | ((...args: any[]) => any)
      | undefined;
    api[name] = given
      ? jest.fn(given)
      : jest.fn(async () => {
          throw new Error(`${name} was not expected in this test`);
        });
  }
  return api as unknown as jest.Mocked<T>;
}

/** An error as a client throws it for a status and the backend's message. */
export async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: String(status),
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;

/** A permission API that also keeps the names it was asked about. */
export type FakePermissionApi = PermissionApi & { asked: string[] };

/**
 * A permission API deciding by permission name (and resource ref); it allows
 * everything unless told otherwise. Render with {@link renderInTestApp} of
 * this module, which starts every render without cached answers, so that
 * tests of one file may allow and deny the same permission.
 */
export function fakePermissions(
  allow: (name: string, resourceRef?: string) => boolean = () => true,
): FakePermissionApi {
  const asked: string[] = [];
  return {
    asked,
    async authorize(request) {
      asked.push(request.permission.name);
      const resourceRef = (request as { resourceRef?: string }).resourceRef;
      const result = allow(request.permission.name, resourceRef)
        ? 'ALLOW'
        : 'DENY';
      return { result } as Decision;
    },
  };
}

/** A permission API that never answers: every check stays loading. */
export function undecidedPermissions(): PermissionApi {
  return { authorize: () => new Promise(() => {}) };
}

/**
 * Waits until the page asked about these permissions and the answers
 * reached its components, so that a control missing afterwards is missing
 * because it was denied, not because the answer is still on its way.
 */
export async function permissionsAnswered(
  permissions: { asked: string[] },
  names: string[],
) {
  await waitFor(() =>
    expect(permissions.asked).toEqual(expect.arrayContaining(names)),
  );
  // the answers reach the components in a later task (not a delay)
  await act(() => new Promise(resolve => setTimeout(resolve, 0)));
}
