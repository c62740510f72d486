import { parseArgs } from 'node:util';
import type { CommandIo } from './traces-command.ts';
import { callServer, serverUrl } from './traces-command.ts';

export const traceUsage = `Usage: roentgen trace ID [--server URL]

Prints one trace as a timeline: a row per segment and subsegment, indented under its parent, with a
bar scaled to the trace's duration, the duration in ms, and fault / error / throttle marks.
  --server URL   the Roentgen server (default http://127.0.0.1:2000, env ROENTGEN_SERVER)`;

interface Entity {
  id: string;
  name: string;
  start_time: number;
  end_time?: number;
  in_progress?: boolean;
  parent_id?: string;
  fault?: boolean;
  error?: boolean;
  throttle?: boolean;
  inferred?: boolean;
  subsegments?: Entity[];
}

const BAR_WIDTH = 40;

/** `roentgen trace ID`: the trace from BatchGetTraces, drawn as a timeline. */
export async function traceCommand(
  argv: string[],
  io: CommandIo = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { server: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout.write(traceUsage + '\n');
    return 0;
  }
  const traceId = positionals[0];
  if (traceId === undefined) {
    io.stderr.write(`roentgen trace: a trace ID is required\n${traceUsage}\n`);
    return 2;
  }
  const out = await callServer<{ Traces: { Segments: { Document: string }[] }[] }>(
    serverUrl(values.server, io.env),
    '/Traces',
    { TraceIds: [traceId] },
    io,
  );
  if (out === undefined) return 1;
  const trace = out.Traces[0];
  if (!trace) {
    io.stderr.write(`roentgen trace: no trace ${traceId} on the server\n`);
    return 1;
  }
  io.stdout.write(
    formatTimeline(
      traceId,
      trace.Segments.map((s) => JSON.parse(s.Document) as Entity),
    ) + '\n',
  );
  return 0;
}

/** The timeline text of a trace's segment documents (as BatchGetTraces returns them); exported for tests. */
export function formatTimeline(traceId: string, segments: Entity[]): string {
  const all: Entity[] = [];
  const collect = (e: Entity): void => {
    all.push(e);
    (e.subsegments ?? []).forEach(collect);
  };
  segments.forEach(collect);
  const start = Math.min(...all.map((e) => e.start_time));
  const end = Math.max(...all.map((e) => e.end_time ?? e.start_time));
  const total = Math.max(end - start, 1e-6);
  const ids = new Set(all.map((e) => e.id));
  const children = new Map<string, Entity[]>();
  for (const segment of segments) {
    if (segment.parent_id !== undefined && ids.has(segment.parent_id)) {
      children.set(segment.parent_id, [...(children.get(segment.parent_id) ?? []), segment]);
    }
  }
  const rows: string[] = [`trace ${traceId}  ${Math.round(total * 1000)} ms`];
  const nameWidth = 36;
  const draw = (entity: Entity, depth: number): void => {
    const from = Math.floor(((entity.start_time - start) / total) * BAR_WIDTH);
    const length = Math.max(1, Math.round((((entity.end_time ?? end) - entity.start_time) / total) * BAR_WIDTH));
    const bar =
      ' '.repeat(from) + (entity.end_time === undefined ? '░' : '█').repeat(Math.min(length, BAR_WIDTH - from));
    const label = ('  '.repeat(depth) + entity.name + (entity.inferred ? ' (inferred)' : ''))
      .slice(0, nameWidth)
      .padEnd(nameWidth);
    const ms =
      entity.end_time === undefined ? 'in progress' : `${Math.round((entity.end_time - entity.start_time) * 1000)} ms`;
    const marks = [entity.fault ? 'FAULT' : '', entity.error ? 'ERROR' : '', entity.throttle ? 'THROTTLE' : '']
      .filter(Boolean)
      .join(' ');
    rows.push(`${label} |${bar.padEnd(BAR_WIDTH)}| ${ms.padStart(11)} ${marks}`.trimEnd());
    const nested = [...(entity.subsegments ?? []), ...(children.get(entity.id) ?? [])].sort(
      (a, b) => a.start_time - b.start_time,
    );
    for (const child of nested) draw(child, depth + 1);
  };
  const tops = segments
    .filter((s) => s.parent_id === undefined || !ids.has(s.parent_id))
    .sort((a, b) => a.start_time - b.start_time);
  for (const top of tops) draw(top, 0);
  return rows.join('\n');
}
