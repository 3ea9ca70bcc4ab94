import {
  describeError as describe,
  ErrorNotice,
  ErrorWording,
} from '@ai-ops-console/console-react';

/** What failures mean in this plugin, beyond what any request says. */
const WORDING: ErrorWording = {
  unavailable:
    'Temporal is unavailable right now, so workflow data cannot be read or changed.',
};

/** What a failed request means for the person looking at the page. */
export const describeError = (error: Error) => describe(error, WORDING);

/** Says what could not be loaded and why, with Retry when it can help. */
export function LoadError(props: {
  /** What could not be loaded, e.g. "the execution list". */
  what: string;
  error: Error;
  onRetry?: () => void;
}) {
  return (
    <ErrorNotice
      what={`load ${props.what}`}
      error={props.error}
      onRetry={props.onRetry}
      wording={WORDING}
    />
  );
}
