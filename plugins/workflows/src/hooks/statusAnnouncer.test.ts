import {
  ANNOUNCE_CLEAR_MS,
  ANNOUNCE_DELAY_MS,
  ANNOUNCE_INTERVAL_MS,
  createStatusAnnouncer,
  describeStatusChanges,
} from './statusAnnouncer';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

function setup() {
  const messages: string[] = [];
  const announcer = createStatusAnnouncer({
    onMessage: m => messages.push(m),
  });
  return { messages, announcer };
}

describe('describeStatusChanges', () => {
  it('names one change, several, and counts the rest past five', () => {
    expect(
      describeStatusChanges([
        { workflowId: 'eval-1', from: 'Running', to: 'Completed' },
      ]),
    ).toBe('Workflow eval-1 completed.');
    expect(
      describeStatusChanges([
        { workflowId: 'eval-1', from: 'Running', to: 'Completed' },
        { workflowId: 'new-1', to: 'Running' },
        { workflowId: 'b', from: 'Running', to: 'Canceled' },
      ]),
    ).toBe(
      '3 workflows changed: eval-1 completed, new-1 started, b was canceled.',
    );
    const many = Array.from({ length: 8 }, (_, i) => ({
      workflowId: `w${i}`,
      from: 'Running' as const,
      to: 'Failed' as const,
    }));
    expect(describeStatusChanges(many)).toBe(
      '8 workflows changed: w0 failed, w1 failed, w2 failed, w3 failed, w4 failed, and 3 more.',
    );
  });
});

describe('createStatusAnnouncer', () => {
  it('gathers a burst into one message, then empties the region', () => {
    const { messages, announcer } = setup();
    announcer.add({ workflowId: 'a', from: 'Running', to: 'Completed' });
    jest.advanceTimersByTime(ANNOUNCE_DELAY_MS / 2);
    announcer.add({ workflowId: 'b', from: 'Running', to: 'Failed' });
    expect(messages).toEqual([]);
    jest.advanceTimersByTime(ANNOUNCE_DELAY_MS / 2);
    expect(messages).toEqual(['2 workflows changed: a completed, b failed.']);
    jest.advanceTimersByTime(ANNOUNCE_CLEAR_MS);
    expect(messages).toEqual([
      '2 workflows changed: a completed, b failed.',
      '',
    ]);
  });

  it('says one workflow once with its latest status, and nothing when it is back where it was', () => {
    const { messages, announcer } = setup();
    announcer.add({ workflowId: 'a', from: 'ContinuedAsNew', to: 'Running' });
    announcer.add({ workflowId: 'b', from: 'Running', to: 'Failed' });
    announcer.add({ workflowId: 'a', from: 'Running', to: 'Completed' });
    announcer.add({ workflowId: 'c', from: 'Running', to: 'Completed' });
    announcer.add({ workflowId: 'c', from: 'Completed', to: 'Running' });
    jest.advanceTimersByTime(ANNOUNCE_DELAY_MS);
    expect(messages).toEqual(['2 workflows changed: a completed, b failed.']);
  });

  it('keeps announcements an interval apart', () => {
    const { messages, announcer } = setup();
    announcer.add({ workflowId: 'a', from: 'Running', to: 'Completed' });
    jest.advanceTimersByTime(ANNOUNCE_DELAY_MS);
    expect(messages).toHaveLength(1);
    announcer.add({ workflowId: 'b', from: 'Running', to: 'Failed' });
    jest.advanceTimersByTime(ANNOUNCE_INTERVAL_MS - 1);
    expect(messages.filter(Boolean)).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(messages.filter(Boolean)).toEqual([
      'Workflow a completed.',
      'Workflow b failed.',
    ]);
  });

  it('says nothing after dispose', () => {
    const { messages, announcer } = setup();
    announcer.add({ workflowId: 'a', from: 'Running', to: 'Completed' });
    announcer.dispose();
    jest.advanceTimersByTime(ANNOUNCE_INTERVAL_MS * 2);
    expect(messages).toEqual([]);
  });
});
