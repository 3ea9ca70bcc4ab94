import { Component, Fragment, ReactNode } from 'react';
import { ErrorNotice } from '../ErrorNotice';

export type WidgetBoundaryProps = {
  /** What the widget shows, completing "Could not show …": "the user list". */
  what: string;
  children: ReactNode;
};

type State = { error?: Error; attempt: number };

/**
 * Keeps a widget that fails while rendering from taking the page with it:
 * says what failed and offers Retry, which mounts the widget afresh.
 */
export class WidgetBoundary extends Component<WidgetBoundaryProps, State> {
  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  state: State = { attempt: 0 };

  private readonly retry = () =>
    this.setState(s => ({ error: undefined, attempt: s.attempt + 1 }));

  render() {
    if (this.state.error) {
      return (
        <ErrorNotice
          what={`show ${this.props.what}`}
          error={this.state.error}
          onRetry={this.retry}
        />
      );
    }
    return <Fragment key={this.state.attempt}>{this.props.children}</Fragment>;
  }
}
