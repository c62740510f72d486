/**
 * Decodes one X-Ray daemon-protocol datagram (reference §3.1): a JSON header line, `\n`, then one
 * segment document (or a JSON array of subsegments). The header is checked as the daemon checks it;
 * unlike the daemon, the payload is validated here too, because Roentgen is the service.
 */
import { parseSegmentDocuments } from '@roentgen/model';
import type { SegmentDocument } from '@roentgen/model';

/** Why a datagram was refused: a decoder reason or one of the model's problem codes. */
export type DatagramRejection = 'missing_header' | 'bad_header' | (string & {});

/** The documents of one datagram, or why it was refused (with a sentence for the log). */
export type DatagramDecode =
  | { readonly ok: true; readonly documents: SegmentDocument[] }
  | { readonly ok: false; readonly reason: DatagramRejection; readonly message: string };

const NEWLINE = 0x0a;
// A header is a few dozen bytes; anything much longer is not a header, and not worth parsing.
const MAX_HEADER_BYTES = 1024;
const headerDecoder = new TextDecoder('utf-8', { fatal: false });

/** Decodes one datagram. Never throws; every outcome is a value. */
export function decodeDaemonDatagram(datagram: Uint8Array): DatagramDecode {
  const newline = datagram.indexOf(NEWLINE);
  if (newline < 0) {
    return { ok: false, reason: 'missing_header', message: 'no newline: a header line must precede the document' };
  }
  if (newline > MAX_HEADER_BYTES) {
    return { ok: false, reason: 'bad_header', message: `the first line is ${newline} bytes, too long for a header` };
  }
  const headerProblem = checkHeader(headerDecoder.decode(datagram.subarray(0, newline)));
  if (headerProblem !== undefined) return { ok: false, reason: 'bad_header', message: headerProblem };

  const parsed = parseSegmentDocuments(datagram.subarray(newline + 1));
  if (!parsed.ok) return { ok: false, reason: parsed.problem.code, message: parsed.problem.message };
  return { ok: true, documents: parsed.documents };
}

/** What is wrong with the header line, or `undefined` when it is `{"format":"json","version":1}`. */
function checkHeader(line: string): string | undefined {
  let header: unknown;
  try {
    header = JSON.parse(line);
  } catch {
    return 'the header line is not JSON';
  }
  if (typeof header !== 'object' || header === null) return 'the header line is not a JSON object';
  const { format, version } = header as { format?: unknown; version?: unknown };
  // The daemon compares the format case-insensitively and the version as a number.
  if (typeof format !== 'string' || format.toLowerCase() !== 'json') return 'the header needs "format":"json"';
  if (version !== 1) return 'the header needs "version":1';
  return undefined;
}
