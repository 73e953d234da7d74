import { Component, ReactNode } from 'react';
import { ViewError } from './ViewError';

interface RenderBoundaryProps {
  what: string;
  inline?: boolean;
  onRetry: () => void;
  children: ReactNode;
}

/**
 * Keeps a view that throws while rendering (say, a backend of another
 * version sends an unexpected shape) to its own place, with its error and
 * a retry, instead of taking the page or the card's heading with it.
 */
export class RenderBoundary extends Component<
  RenderBoundaryProps,
  { error?: Error }
> {
  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  state: { error?: Error } = {};

  private readonly retry = () => {
    this.setState({ error: undefined });
    this.props.onRetry();
  };

  render() {
    const { error } = this.state;
    if (!error) {
      return this.props.children;
    }
    return (
      <ViewError
        what={this.props.what}
        error={error}
        onRetry={this.retry}
        inline={this.props.inline}
        failedTo="show"
      />
    );
  }
}
