import { HEALTH_KINDS, type Health } from './health.ts';

/**
 * A circle whose ring is split into the shares of ok / 4xx / 5xx / 429, drawn as dashed strokes of
 * one circle each so the arcs meet exactly whatever the shares are.
 */
export function HealthRing({ health, radius, width }: { health: Health; radius: number; width: number }) {
  const circumference = 2 * Math.PI * radius;
  let offset = 0;
  if (health.total === 0) return <circle className="ring-empty" r={radius} fill="none" strokeWidth={width} />;
  return (
    <g transform="rotate(-90)">
      {HEALTH_KINDS.map((kind) => {
        const share = health.counts[kind] / health.total;
        if (share <= 0) return null;
        const length = share * circumference;
        const arc = (
          <circle
            key={kind}
            className={`ring-${kind}`}
            data-kind={kind}
            r={radius}
            fill="none"
            strokeWidth={width}
            strokeDasharray={`${length} ${circumference - length}`}
            strokeDashoffset={-offset}
          />
        );
        offset += length;
        return arc;
      })}
    </g>
  );
}
