import { useRef, useState, type PointerEvent } from 'react';
import type { HistogramEntry } from '../api/xray-types.ts';
import { formatSeconds } from '../time/time-range.ts';
import { binEntries, roundBand, type Band } from './histogram-bins.ts';

const WIDTH = 480;
const HEIGHT = 140;
const PAD = { left: 36, right: 8, top: 8, bottom: 24 };

export interface HistogramProps {
  readonly entries: readonly HistogramEntry[];
  readonly band: Band | undefined;
  /** Called with the brushed band when the drag ends, or `undefined` when it is cleared. */
  readonly onBand: (band: Band | undefined) => void;
  readonly label: string;
}

/**
 * A response-time histogram that a person can drag across to pick a band of response times. The
 * plot area's axis bounds are on the SVG as `data-max` so tests and tools can aim a drag.
 */
export function Histogram({ entries, band, onBand, label }: HistogramProps) {
  const bins = binEntries(entries);
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | undefined>();
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const tallest = Math.max(1, ...bins.counts);
  const xOf = (seconds: number) => PAD.left + (seconds / bins.max) * plotWidth;

  function secondsAt(event: PointerEvent<SVGSVGElement>): number {
    const box = svg.current!.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * WIDTH;
    return Math.min(bins.max, Math.max(0, ((x - PAD.left) / plotWidth) * bins.max));
  }
  function down(event: PointerEvent<SVGSVGElement>) {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const at = secondsAt(event);
    setDrag({ from: at, to: at });
  }
  function move(event: PointerEvent<SVGSVGElement>) {
    if (drag) setDrag({ from: drag.from, to: secondsAt(event) });
  }
  function up() {
    if (!drag) return;
    setDrag(undefined);
    // A click without a drag clears the band, the way people expect from charts.
    if (Math.abs(drag.to - drag.from) < bins.max / 200) onBand(undefined);
    else onBand(roundBand(drag.from, drag.to));
  }

  const shown = drag ? roundBand(drag.from, drag.to) : band;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * bins.max);
  return (
    <figure className="histogram">
      <svg
        ref={svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${label}: ${bins.total} requests from 0 to ${formatSeconds(bins.max)}; drag to select a band`}
        data-max={bins.max}
        data-plot-left={PAD.left / WIDTH}
        data-plot-right={(WIDTH - PAD.right) / WIDTH}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
      >
        {bins.counts.map((count, i) => {
          const h = (count / tallest) * plotHeight;
          const inBand = shown && (i + 0.5) * bins.width >= shown.low && (i + 0.5) * bins.width <= shown.high;
          return (
            <rect
              key={i}
              className={inBand ? 'hist-bar in-band' : 'hist-bar'}
              x={xOf(i * bins.width) + 0.5}
              y={PAD.top + plotHeight - h}
              width={Math.max(1, plotWidth / bins.counts.length - 1)}
              height={h}
            >
              <title>{`${formatSeconds(i * bins.width)}–${formatSeconds((i + 1) * bins.width)}: ${count}`}</title>
            </rect>
          );
        })}
        {shown && (
          <rect
            className="brush"
            x={xOf(shown.low)}
            y={PAD.top}
            width={Math.max(1, xOf(shown.high) - xOf(shown.low))}
            height={plotHeight}
          />
        )}
        <line
          className="axis"
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={PAD.top + plotHeight}
          y2={PAD.top + plotHeight}
        />
        {ticks.map((t, i) => (
          <text
            key={t}
            className="tick"
            x={xOf(t)}
            y={HEIGHT - 6}
            textAnchor={i === ticks.length - 1 ? 'end' : 'middle'}
          >
            {formatSeconds(t)}
          </text>
        ))}
        <text className="tick" x={PAD.left - 4} y={PAD.top + 10} textAnchor="end">
          {tallest}
        </text>
      </svg>
      <figcaption>
        {shown ? (
          <>
            Band {formatSeconds(shown.low)} – {formatSeconds(shown.high)}{' '}
            <button type="button" className="link-button" onClick={() => onBand(undefined)}>
              clear
            </button>
          </>
        ) : (
          'Drag across the histogram to select a band of response times.'
        )}
      </figcaption>
    </figure>
  );
}
