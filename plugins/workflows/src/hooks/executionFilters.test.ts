import { summary } from '../__testUtils__/fakes';
import {
  DEFAULT_SORT,
  filterFromSearchParams,
  sortFromSearchParams,
  sortIds,
  toSearchParams,
} from './executionFilters';

describe('execution filters in the URL', () => {
  it('reads every filter and drops values the API would refuse', () => {
    const params = new URLSearchParams(
      'status=Running,Bogus,Failed&type=a,b&startedBy=user:default/jane&idPrefix=x-&from=2026-01-01T00:00:00Z&to=yesterday',
    );
    expect(filterFromSearchParams(params)).toEqual({
      status: ['Running', 'Failed'],
      type: ['a', 'b'],
      startedBy: 'user:default/jane',
      idPrefix: 'x-',
      from: '2026-01-01T00:00:00Z',
    });
  });

  it('writes a filter and sort back, keeping other parameters', () => {
    const next = toSearchParams(
      new URLSearchParams('tab=x&status=Failed'),
      { status: ['Running'], type: ['batchInference'] },
      { key: 'type', direction: 'asc' },
    );
    expect(Object.fromEntries(next)).toEqual({
      tab: 'x',
      status: 'Running',
      type: 'batchInference',
      sort: 'type',
      order: 'asc',
    });
    expect(filterFromSearchParams(next)).toEqual({
      status: ['Running'],
      type: ['batchInference'],
    });
    expect(sortFromSearchParams(next)).toEqual({
      key: 'type',
      direction: 'asc',
    });
  });

  it('leaves the default sort out of the URL and falls back to it', () => {
    expect(
      toSearchParams(new URLSearchParams(), {}, DEFAULT_SORT).toString(),
    ).toBe('');
    expect(sortFromSearchParams(new URLSearchParams('sort=nope'))).toEqual(
      DEFAULT_SORT,
    );
  });
});

describe('sortIds', () => {
  const rows = {
    a: summary({
      workflowId: 'a',
      type: 'b',
      startTime: '2026-01-02T00:00:00.000Z',
    }),
    b: summary({
      workflowId: 'b',
      type: 'a',
      startTime: '2026-01-03T00:00:00.000Z',
      closeTime: '2026-01-04T00:00:00.000Z',
      startedBy: undefined,
    }),
    c: summary({
      workflowId: 'c',
      type: 'a',
      startTime: '2026-01-01T00:00:00.000Z',
    }),
  };
  const ids = ['a', 'b', 'c'];

  it('sorts by a column either way, ties in load order', () => {
    expect(sortIds(ids, rows, { key: 'startTime', direction: 'desc' })).toEqual(
      ['b', 'a', 'c'],
    );
    expect(sortIds(ids, rows, { key: 'startTime', direction: 'asc' })).toEqual([
      'c',
      'a',
      'b',
    ]);
    expect(sortIds(ids, rows, { key: 'type', direction: 'asc' })).toEqual([
      'b',
      'c',
      'a',
    ]);
    expect(sortIds(ids, rows, { key: 'type', direction: 'desc' })).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('puts missing values last in both directions', () => {
    expect(sortIds(ids, rows, { key: 'closeTime', direction: 'asc' })).toEqual([
      'b',
      'a',
      'c',
    ]);
    expect(sortIds(ids, rows, { key: 'closeTime', direction: 'desc' })).toEqual(
      ['b', 'a', 'c'],
    );
    expect(sortIds(ids, rows, { key: 'startedBy', direction: 'desc' })).toEqual(
      ['a', 'c', 'b'],
    );
  });
});
