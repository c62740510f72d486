import { useState } from 'react';

/** Copies the address of the current view (which holds all of its state) for a colleague. */
export function CopyLinkButton() {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied('done');
    } catch {
      // Clipboard access needs a secure context or permission; the address bar still has the link.
      setCopied('failed');
    }
    window.setTimeout(() => setCopied('idle'), 2000);
  }
  return (
    <button type="button" onClick={() => void copy()} aria-live="polite">
      {copied === 'done' ? 'Link copied' : copied === 'failed' ? 'Copy from the address bar' : 'Copy link'}
    </button>
  );
}
