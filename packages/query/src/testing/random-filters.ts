/**
 * Random filter expressions over the keyword catalogue of `@roentgen/filter`, with values drawn from
 * the world of `random-traces.ts`. Some generated texts fail the checker; callers skip those.
 */
import { FILTER_KEYWORDS } from '@roentgen/filter';
import type { Random } from './random-traces.ts';
import { SERVICES, STRINGS, USERS } from './random-traces.ts';

const OPERATORS = ['=', '!=', '<', '<=', '>', '>='] as const;
const TEXT_OPERATORS = ['CONTAINS', 'BEGINSWITH', 'ENDSWITH'] as const;
const TRACE_KEYWORDS = FILTER_KEYWORDS.filter((k) => k.scopes.includes('trace'));
const CALL_KEYWORDS = FILTER_KEYWORDS.filter((k) => k.scopes.includes('service') && k.scopes.includes('edge'));

/** A quoted string literal with `"` and `\` escaped. */
export function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

function value(random: Random, type: string, keyword: string): string {
  if (type === 'boolean') return random.pick(['true', 'false']);
  if (type === 'number' || type === 'duration') {
    return keyword === 'http.status'
      ? String(random.pick([200, 404, 429, 500]))
      : String(random.pick([0, 0.5, 1, 1.5, 2.5]));
  }
  if (keyword === 'user') return quoted(random.pick(USERS));
  if (keyword === 'http.method') return quoted(random.pick(['GET', 'POST']));
  return quoted(random.pick(['https://shop', 'cart', '1', 'https://api/orders', ...STRINGS]));
}

function comparison(random: Random, type: string, keyword: string): string {
  if (type === 'boolean')
    return random.chance(0.5) ? '' : ` ${random.pick(['=', '!='])} ${value(random, type, keyword)}`;
  if (type === 'string' && random.chance(0.3)) return ` ${random.pick(TEXT_OPERATORS)} ${value(random, type, keyword)}`;
  if (random.chance(0.1)) return '';
  return ` ${random.pick(OPERATORS)} ${value(random, type, keyword)}`;
}

function keywordTerm(random: Random, keywords: typeof FILTER_KEYWORDS): string {
  const keyword = random.pick(keywords);
  return keyword.name + comparison(random, keyword.type, keyword.name);
}

function annotationTerm(random: Random): string {
  const key = random.pick(['customer', 'tier', 'vip', 'missing']);
  const kind = random.int(4);
  if (kind === 0) return `annotation.${key}`;
  if (kind === 1) return `annotation.${key} ${random.pick(OPERATORS)} ${random.int(4)}`;
  if (kind === 2) return `annotation.${key} = ${random.pick(['true', 'false'])}`;
  const op = random.chance(0.3) ? random.pick(TEXT_OPERATORS) : random.pick(OPERATORS);
  return `annotation.${key} ${op} ${quoted(random.pick(STRINGS))}`;
}

function term(random: Random): string {
  const service = (): string => quoted(random.pick([...SERVICES, 'carts', 'api.example.com']));
  switch (random.int(8)) {
    case 0:
    case 1:
      return keywordTerm(random, TRACE_KEYWORDS);
    case 2:
      return annotationTerm(random);
    case 3:
      return `service(${service()})${random.chance(0.6) ? ` { ${keywordTerm(random, CALL_KEYWORDS)} }` : ''}`;
    case 4:
      return `service(${service()}) { root${random.chance(0.5) ? ` AND ${keywordTerm(random, CALL_KEYWORDS)}` : ''} }`;
    case 5:
      return `edge(${service()}, ${service()})${random.chance(0.6) ? ` { ${keywordTerm(random, CALL_KEYWORDS)} }` : ''}`;
    case 6:
      return `rootcause.${random.pick(['fault', 'error', 'responsetime'])}.service { name = ${service()} }`;
    default:
      return `group.name = ${quoted(random.pick(['slow', 'faulty', 'Default', 'nothere']))}`;
  }
}

/** One random expression text, up to `depth` levels of AND / OR / NOT. */
export function randomFilterText(random: Random, depth = 2): string {
  if (depth === 0 || random.chance(0.4)) return term(random);
  const kind = random.int(3);
  if (kind === 0) return `!(${randomFilterText(random, depth - 1)})`;
  const joiner = kind === 1 ? ' AND ' : ' OR ';
  return `(${randomFilterText(random, depth - 1)})${joiner}(${randomFilterText(random, depth - 1)})`;
}
