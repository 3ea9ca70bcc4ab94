import { ServiceUnavailableError } from '@backstage/errors';
import { temporal as proto } from '@temporalio/proto';
import { STARTED_BY_ATTRIBUTE } from '../temporal/workflows/searchAttributes';

const { IndexedValueType } = proto.api.enums.v1;

/**
 * The custom search attributes the console needs in its namespace, with
 * their types: permission filters and "started by me" query them, and every
 * execution the console starts sets them.
 */
export const REQUIRED_SEARCH_ATTRIBUTES: Record<
  string,
  { type: proto.api.enums.v1.IndexedValueType; typeName: string }
> = {
  [STARTED_BY_ATTRIBUTE]: {
    type: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    typeName: 'Keyword',
  },
};

/** The one-time command an operator runs for each missing attribute. */
export function searchAttributeCommands(options: {
  namespace: string;
  missing: string[];
}): string[] {
  return options.missing.map(
    name =>
      `temporal operator search-attribute create --namespace ${options.namespace} --name ${name} --type ${REQUIRED_SEARCH_ATTRIBUTES[name].typeName}`,
  );
}

/**
 * The namespace lacks a search attribute the console needs, and adding it is
 * an operator's job (not the console's at runtime, which Temporal Cloud
 * refuses). Workflow calls answer 503 with this message until it is there:
 * it names the attribute and the command, which is what the reader can act
 * on; nothing in it is secret (the namespace is in /health's answer too).
 */
export class TemporalSetupError extends ServiceUnavailableError {
  readonly missing: string[];

  constructor(options: { namespace: string; missing: string[] }) {
    const { namespace, missing } = options;
    const names = missing
      .map(n => `${n} (${REQUIRED_SEARCH_ATTRIBUTES[n].typeName})`)
      .join(', ');
    super(
      `Temporal namespace ${namespace} lacks the search attribute${
        missing.length > 1 ? 's' : ''
      } ${names} that the console needs. An operator creates ${
        missing.length > 1 ? 'them' : 'it'
      } once: ${searchAttributeCommands(options).join(
        ' && ',
      )} (Temporal Cloud: the namespace's custom search attributes, in the Cloud UI or with tcld), or scripts/temporal-setup.sh from the console's repository; see the operator guide.`,
    );
    this.missing = missing;
  }
}
