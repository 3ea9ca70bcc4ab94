import { ErrorNotice, ErrorWording } from '@ai-ops-console/console-react';

/** What failures mean in this plugin, beyond what any request says. */
const WORDING: ErrorWording = {
  unavailable:
    'The AI Metrics service is unavailable right now, or its database is. Try again in a moment.',
  forbidden:
    'Reading model metrics needs the ai-metrics.model.read permission, or ownership of the model in the catalog. Ask an administrator for access.',
};

/** Says what could not be loaded and why, with Retry when it can help. */
export function LoadError(props: {
  /** What could not be loaded, e.g. "the charts". */
  what: string;
  error: Error;
  onRetry?: () => void;
}) {
  return (
    <ErrorNotice
      what={`load ${props.what}`}
      action="read these metrics"
      error={props.error}
      onRetry={props.onRetry}
      wording={WORDING}
    />
  );
}
