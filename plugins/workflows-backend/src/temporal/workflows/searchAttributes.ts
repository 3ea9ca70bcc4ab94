// Search attributes the console sets on the executions it starts. Shared by
// the backend and the workflows, so nothing here may import Node APIs.
import {
  defineSearchAttributeKey,
  SearchAttributeType,
} from '@temporalio/common';

/** Who started an execution from the console: a user entity ref, lower case. */
export const STARTED_BY_ATTRIBUTE = 'ConsoleStartedBy';

export const startedByKey = defineSearchAttributeKey(
  STARTED_BY_ATTRIBUTE,
  SearchAttributeType.KEYWORD,
);
