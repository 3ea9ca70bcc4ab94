import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';

/**
 * A workflow type that a plugin author adds to the console.
 * @public
 */
export type WorkflowTypeRegistration = {
  /** The Temporal workflow type: the name of the exported workflow function. */
  name: string;
  title: string;
  description: string;
  /** JSON schema (draft 7) of the start input; the UI renders its form from it. */
  inputSchema: Record<string, unknown>;
  /**
   * Absolute path of the TypeScript or JavaScript module exporting the
   * workflow function; the console's worker bundles it at start. Resolve it
   * by package path (`resolvePackagePath('<your package>',
   * 'src/workflows.ts')`) and list that file in your package's `files`: a
   * built package has no workflow module beside its compiled code, since
   * nothing imports workflow code into the process.
   */
  workflowsPath: string;
  /** Activities the workflow calls, run by the console's worker. */
  activities?: Record<string, (...args: any[]) => Promise<unknown>>;
  /** Signals the console may send from the detail page. */
  signals?: Array<{
    name: string;
    title: string;
    payloadSchema?: Record<string, unknown>;
  }>;
  /** Queries the console may run from the detail page. */
  queries?: Array<{ name: string; title: string }>;
  /**
   * A permission a user needs, besides `workflows.execution.start`, to start
   * this type. Declare it in your plugin's -common package.
   */
  startPermission?: BasicPermission;
};

/**
 * Lets backend modules add workflow types to the workflows plugin.
 * @public
 */
export interface WorkflowTypesExtensionPoint {
  addWorkflowType(type: WorkflowTypeRegistration): void;
}

/**
 * The extension point for workflow types.
 * @public
 */
export const workflowTypesExtensionPoint =
  createExtensionPoint<WorkflowTypesExtensionPoint>({
    id: 'workflows.types',
  });
