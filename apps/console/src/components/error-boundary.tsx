import { Component, type ReactNode } from 'react';

/** Keeps one broken view from blanking the whole console: says what failed and how to recover. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | undefined }> {
  override state: { error: Error | undefined } = { error: undefined };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    // Navigating elsewhere gives the next view a fresh start.
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-box" role="alert">
        <strong>This view failed to draw.</strong> <span className="pre-wrap">{this.state.error.message}</span>
        <div>Go back, or reload the page; if it happens again, the address of this page reproduces it.</div>
      </div>
    );
  }
}
