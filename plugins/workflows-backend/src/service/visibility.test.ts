import { buildQuery, criteriaToQuery, quote } from './visibility';

describe('visibility queries', () => {
  it('quotes values so that they cannot break out of the string', () => {
    expect(quote("it's")).toBe("'it\\'s'");
    expect(quote('a\\b')).toBe("'a\\\\b'");
    expect(buildQuery({ idPrefix: "x' OR WorkflowId != '" })).toBe(
      "WorkflowId STARTS_WITH 'x\\' OR WorkflowId != \\''",
    );
  });

  it('combines filters with AND', () => {
    expect(
      buildQuery({
        status: ['Running', 'Failed'],
        type: ['modelEvaluation'],
        startedBy: 'user:default/Jane',
        from: '2026-11-01T00:00:00Z',
      }),
    ).toBe(
      "(ExecutionStatus IN ('Running', 'Failed') AND WorkflowType IN ('modelEvaluation') AND ConsoleStartedBy = 'user:default/jane' AND StartTime >= '2026-11-01T00:00:00.000Z')",
    );
    expect(buildQuery({})).toBe('');
  });

  it('refuses bad statuses and timestamps with a 400', () => {
    expect(() => buildQuery({ status: ['Sleeping' as any] })).toThrow(
      /status must be one of/,
    );
    expect(() => buildQuery({ from: 'yesterday' })).toThrow(/ISO 8601/);
  });

  it('turns permission criteria into a fragment, pushing NOT to the leaves', () => {
    const mine = {
      field: 'ConsoleStartedBy' as const,
      values: ['user:default/a'],
    };
    const evals = {
      field: 'WorkflowType' as const,
      values: ['modelEvaluation'],
    };
    expect(criteriaToQuery({ anyOf: [mine, evals] }, 'default')).toBe(
      "(ConsoleStartedBy IN ('user:default/a') OR WorkflowType IN ('modelEvaluation'))",
    );
    expect(criteriaToQuery({ not: { allOf: [mine, evals] } }, 'default')).toBe(
      "(ConsoleStartedBy NOT IN ('user:default/a') OR WorkflowType NOT IN ('modelEvaluation'))",
    );
  });

  it('decides namespace conditions against the namespace queried', () => {
    const ns = { field: 'namespace' as const, values: ['team-a'] };
    const evals = {
      field: 'WorkflowType' as const,
      values: ['modelEvaluation'],
    };
    // in the namespace: only the other condition remains
    expect(
      buildQuery({}, criteriaToQuery({ allOf: [ns, evals] }, 'team-a')),
    ).toBe("WorkflowType IN ('modelEvaluation')");
    // another namespace: nothing may be read
    expect(
      buildQuery({}, criteriaToQuery({ allOf: [ns, evals] }, 'default')),
    ).toBeUndefined();
    // anyOf with a true branch allows everything
    expect(
      buildQuery({}, criteriaToQuery({ anyOf: [ns, evals] }, 'team-a')),
    ).toBe('');
  });
});
