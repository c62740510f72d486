import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { tokenizeFilterExpression, tryParseFilterExpression } from '@roentgen/filter';
import { completionsFor, wordBefore, type Completion } from './filter-completion.ts';

export interface FilterBarProps {
  readonly value: string;
  readonly onSubmit: (filter: string) => void;
  readonly services: readonly string[];
  readonly annotationKeys: readonly string[];
  /** The server's complaint about the submitted filter, shown under the bar. */
  readonly serverError?: string | undefined;
}

/** Where the local parser says the mistake is, as UTF-16 offsets, with the caret text to show. */
function localError(text: string): { offset: number; length: number; formatted: string } | undefined {
  if (!text.trim()) return undefined;
  const result = tryParseFilterExpression(text);
  if (result.ok) return undefined;
  return { offset: result.error.offset, length: Math.max(1, result.error.length), formatted: result.error.format() };
}

/**
 * The filter bar: a textarea under which a highlighted copy of the text is drawn (the textarea's own
 * text is transparent, so the caret and selection stay native), with completion and located errors.
 */
export function FilterBar(props: FilterBarProps) {
  const [text, setText] = useState(props.value);
  const [caret, setCaret] = useState(props.value.length);
  const [active, setActive] = useState(0);
  // Enter takes a completion only after the arrows chose one; otherwise Enter searches.
  const [chosen, setChosen] = useState(false);
  const [open, setOpen] = useState(false);
  const [submittedOnce, setSubmittedOnce] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLPreElement>(null);
  const listId = useId();
  const errorId = useId();
  const [seen, setSeen] = useState(props.value);
  // A new value from the URL (back button, a link) replaces what is typed.
  if (props.value !== seen) {
    setSeen(props.value);
    setText(props.value);
  }

  const tokens = useMemo(() => tokenizeFilterExpression(text), [text]);
  const error = useMemo(() => localError(text), [text]);
  const { start, word } = wordBefore(text, caret);
  const completions = open ? completionsFor(word, props.services, props.annotationKeys) : [];

  function accept(c: Completion) {
    const next = text.slice(0, start) + c.insert + text.slice(caret);
    const at = start + c.insert.length;
    setText(next);
    setOpen(false);
    requestAnimationFrame(() => {
      area.current?.setSelectionRange(at, at);
      setCaret(at);
    });
  }
  function submit() {
    setSubmittedOnce(true);
    setOpen(false);
    if (!error) props.onSubmit(text.trim());
  }
  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (completions.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((active + step + completions.length) % completions.length);
        setChosen(true);
        return;
      }
      if (event.key === 'Tab' || (event.key === 'Enter' && chosen)) {
        event.preventDefault();
        accept(completions[Math.min(active, completions.length - 1)]!);
        return;
      }
      if (event.key === 'Escape') {
        setOpen(false);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  }
  const showError = error && (submittedOnce || text !== props.value);

  return (
    <form
      className="filter-bar"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={`${listId}-input`}>Filter expression</label>
      <div className="filter-field">
        <pre className="filter-backdrop" aria-hidden="true" ref={backdrop}>
          {renderHighlighted(text, tokens, error)}
          {'\n'}
        </pre>
        <textarea
          id={`${listId}-input`}
          ref={area}
          className="filter-input"
          value={text}
          rows={2}
          spellCheck={false}
          autoComplete="off"
          placeholder='e.g. responsetime > 1.5 AND service("payments") { fault }'
          role="combobox"
          aria-expanded={completions.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-invalid={showError ? true : undefined}
          aria-describedby={showError ? errorId : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart);
            setActive(0);
            setChosen(false);
            setOpen(true);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onScroll={(e) => {
            if (backdrop.current) backdrop.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onKeyDown={keyDown}
          onBlur={() => setOpen(false)}
        />
        {completions.length > 0 && (
          <ul className="completions" role="listbox" id={listId} aria-label="Completions">
            {completions.map((c, i) => (
              <li
                key={c.label}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  accept(c);
                }}
              >
                <span className="mono">{c.label}</span> <span className="muted">{c.detail}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="submit">Search</button>
      {showError && (
        <pre className="filter-error" id={errorId} role="alert">
          {error.formatted}
        </pre>
      )}
      {!showError && props.serverError && (
        <pre className="filter-error" role="alert">
          {props.serverError}
        </pre>
      )}
    </form>
  );
}

/** Highlighted spans for every token, the text between them kept verbatim, the error range marked. */
function renderHighlighted(
  text: string,
  tokens: ReturnType<typeof tokenizeFilterExpression>,
  error: { offset: number; length: number } | undefined,
) {
  const parts: ReactNode[] = [];
  let at = 0;
  tokens.forEach((token, i) => {
    if (token.offset > at) parts.push(<span key={`g${i}`}>{text.slice(at, token.offset)}</span>);
    const marked = error && token.offset < error.offset + error.length && token.offset + token.length > error.offset;
    parts.push(
      <span key={i} className={`tok-${token.kind}${marked ? ' tok-error' : ''}`}>
        {text.slice(token.offset, token.offset + token.length)}
      </span>,
    );
    at = token.offset + token.length;
  });
  if (at < text.length) parts.push(<span key="tail">{text.slice(at)}</span>);
  if (error && error.offset >= text.length)
    parts.push(
      <span key="eof" className="tok-error eof-mark">
        {' '}
      </span>,
    );
  return parts;
}
