/**
 * One thing the change feed counts: the start of a run (status `Running`)
 * or its close (the status it closed with).
 */
export type FeedObservation = { runId: string; status: string };

/**
 * The change feed's state, shared by all replicas: its scheduled task runs
 * on one replica at a time but moves between them, so neither where to
 * resume nor what was already counted may live in one process.
 */
export interface ChangeFeedStore {
  /**
   * Where the feed of a namespace resumes: the time (epoch ms) its last
   * poll started, or undefined before its first poll.
   */
  readCursor(options: { namespace: string }): Promise<number | undefined>;

  /**
   * Moves the cursor forward to `at`; never back, since a replica that lost
   * the task may still finish a poll that started before the last one.
   */
  advanceCursor(options: { namespace: string; at: number }): Promise<void>;

  /**
   * Claims each observation for the caller unless someone claimed it
   * before, atomically across replicas; answers those this call claimed,
   * which only the caller may count.
   */
  claim(options: {
    observations: FeedObservation[];
    at: number;
  }): Promise<FeedObservation[]>;

  /** Forgets claims made before `before`; answers how many. */
  pruneClaims(options: { before: number }): Promise<number>;
}
