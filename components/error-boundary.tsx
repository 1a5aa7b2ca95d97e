/**
 * Last line of defence for extension pages: a rendering error shows what failed instead of an
 * empty page. Stored evidence is never touched by rendering, so nothing is lost.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Protokol page error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    // Shown in all three languages: the i18n layer itself may be what failed.
    return (
      <div role="alert" data-testid="page-error" style={{ padding: 16, color: '#b91c1c' }}>
        <p>This page failed to display. Your saved evidence is not affected.</p>
        <p>Страница не отобразилась. Сохранённые материалы не затронуты.</p>
        <p>Сторінка не відобразилася. Збережені матеріали не зачеплено.</p>
        <pre style={{ whiteSpace: 'pre-wrap' }}>{String(this.state.error.message)}</pre>
        <button onClick={() => this.setState({ error: null })}>↻</button>
      </div>
    );
  }
}
