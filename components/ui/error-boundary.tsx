import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Props of {@link ErrorBoundary}. */
export interface ErrorBoundaryProps {
  children: ReactNode;
  /** What to show instead of the failed subtree; receives the error message. */
  fallback: (message: string, retry: () => void) => ReactNode;
  /** Changing this key clears a caught error (e.g. another item was opened). */
  resetKey?: string;
}

interface State {
  error: Error | null;
  key?: string;
}

/**
 * Live queries throw into React when the database fails (quota, a locked store); catch that
 * at the panel level so the rest of the library keeps working and the user sees the reason.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Protokol library:', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) {
      return this.props.fallback(this.state.error.message, () => this.setState({ error: null }));
    }
    return this.props.children;
  }
}
