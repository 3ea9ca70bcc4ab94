import { LoggerService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DemoMarkers } from './DemoMarkers';
import { DemoPart } from './parts/DemoPart';

/**
 * Seeds the parts of the demo in order, each once and only into an empty
 * store: the first run that finds a store empty marks the part `seeding`
 * before it writes anything, so that a later run (after a failure, or on
 * another replica) goes on with it rather than taking the demo's own data
 * for someone else's. Replicas take turns through the scheduler's lock.
 */
export class DemoSeeder {
  constructor(
    private readonly deps: {
      markers: DemoMarkers;
      /** In order: a part waits for the ones before it. */
      parts: DemoPart[];
      logger: LoggerService;
    },
  ) {}

  /**
   * Runs the parts not yet done or skipped. Stops at the first that fails
   * (a plugin or Temporal not answering yet) and rejects, for the next run
   * to try again: the workflows' evaluations record metrics, so the metrics
   * part must have decided before they start.
   */
  async run(): Promise<void> {
    for (const part of this.deps.parts) {
      await this.runPart(part);
    }
  }

  private async runPart(part: DemoPart) {
    const { markers, logger } = this.deps;
    const marker = await markers.get(part.name);
    if (marker?.state === 'done' || marker?.state === 'skipped') return;
    if (!marker) {
      const empty = await this.isEmpty(part);
      if (empty !== true) {
        const why =
          empty === 'absent'
            ? 'its plugin is not installed'
            : 'it already holds data';
        await markers.set(part.name, 'skipped', why);
        logger.info(`demo data: no ${part.name} seeded, ${why}`);
        return;
      }
      await markers.set(part.name, 'seeding');
    }
    const note = await part.seed();
    await markers.set(part.name, 'done', note);
    logger.info(`demo data: ${part.name}: ${note}`);
  }

  private async isEmpty(part: DemoPart): Promise<boolean | 'absent'> {
    try {
      return await part.isEmpty();
    } catch (error) {
      // Backstage's answer for a plugin this backend does not host
      if (error instanceof ResponseError && error.statusCode === 404) {
        return 'absent';
      }
      throw error;
    }
  }
}
