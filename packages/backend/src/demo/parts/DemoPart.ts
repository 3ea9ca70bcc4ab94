import { DemoPartName } from '../DemoMarkers';

/** One part of the demo, seeded through its plugin's own API. */
export interface DemoPart {
  readonly name: DemoPartName;
  /** Whether the plugin's store holds nothing yet (asked once, before seeding). */
  isEmpty(): Promise<boolean>;
  /**
   * Seeds the part. Safe to call again after it failed half-way: what is
   * already there is left as it is. Answers what it did, for the log.
   */
  seed(): Promise<string>;
}
