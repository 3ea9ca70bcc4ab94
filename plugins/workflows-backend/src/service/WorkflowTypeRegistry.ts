import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { WorkflowTypeInfo } from '@ai-ops-console/backstage-plugin-workflows-common';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { WorkflowTypeRegistration } from '@ai-ops-console/backstage-plugin-workflows-node';

type Entry = {
  registration: WorkflowTypeRegistration;
  validate: ValidateFunction;
};

/** The workflow types the console can start, with their input validators. */
export class WorkflowTypeRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly ajv: Ajv;

  constructor() {
    this.ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
    addFormats(this.ajv);
  }

  add(registration: WorkflowTypeRegistration) {
    if (this.entries.has(registration.name)) {
      throw new ConflictError(
        `workflow type "${registration.name}" is registered twice`,
      );
    }
    let validate: ValidateFunction;
    try {
      validate = this.ajv.compile(registration.inputSchema);
    } catch (error) {
      throw new InputError(
        `workflow type "${registration.name}" has an invalid input schema: ${
          (error as Error).message
        }`,
      );
    }
    this.entries.set(registration.name, { registration, validate });
  }

  list(): WorkflowTypeInfo[] {
    return [...this.entries.values()].map(({ registration: r }) => ({
      name: r.name,
      title: r.title,
      description: r.description,
      inputSchema: r.inputSchema,
      signals: r.signals ?? [],
      queries: r.queries ?? [],
    }));
  }

  get(name: string): WorkflowTypeRegistration {
    const entry = this.entries.get(name);
    if (!entry) {
      throw new NotFoundError(`no workflow type "${name}" is registered`);
    }
    return entry.registration;
  }

  find(name: string): WorkflowTypeRegistration | undefined {
    return this.entries.get(name)?.registration;
  }

  /** Validates (and fills defaults into) a start input; 400 naming each problem. */
  validateInput(name: string, input: unknown): unknown {
    const entry = this.entries.get(name);
    if (!entry) {
      throw new InputError(
        `unknown workflow type "${name}"; registered: ${[
          ...this.entries.keys(),
        ].join(', ')}`,
      );
    }
    const copy = structuredClone(input ?? {});
    if (!entry.validate(copy)) {
      const problems = (entry.validate.errors ?? []).map(
        e => `${e.instancePath || '(input)'} ${e.message}`,
      );
      throw new InputError(`invalid input for ${name}: ${problems.join('; ')}`);
    }
    return copy;
  }

  registrations(): WorkflowTypeRegistration[] {
    return [...this.entries.values()].map(e => e.registration);
  }
}
