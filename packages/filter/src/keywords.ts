/**
 * The keyword catalogue as data. The checker validates against it, the evaluator follows it, and the
 * console reads it for completion and highlighting, so a keyword exists exactly when it is listed here.
 */

/** `duration` is a number of seconds (floating point); it compares like `number`. */
export type FilterValueType = 'boolean' | 'number' | 'duration' | 'string';

/**
 * Where a keyword means something: at the top level (the trace), inside `service(){…}` (the service's
 * own segments), inside `edge(){…}` (the caller's record of the call) or inside one of the
 * `rootcause.KIND.LEVEL {…}` braces (one root-cause element).
 */
export type FilterScope =
  | 'trace'
  | 'service'
  | 'edge'
  | 'rootcause.fault.service'
  | 'rootcause.fault.entity'
  | 'rootcause.fault.exception'
  | 'rootcause.error.service'
  | 'rootcause.error.entity'
  | 'rootcause.error.exception'
  | 'rootcause.responsetime.service'
  | 'rootcause.responsetime.entity';

/** Every scope, in the order the documentation lists them. */
export const FILTER_SCOPES: readonly FilterScope[] = [
  'trace',
  'service',
  'edge',
  'rootcause.fault.service',
  'rootcause.fault.entity',
  'rootcause.fault.exception',
  'rootcause.error.service',
  'rootcause.error.entity',
  'rootcause.error.exception',
  'rootcause.responsetime.service',
  'rootcause.responsetime.entity',
];

/** One simple keyword: its lower-case name (matching is case-insensitive), value type and scopes. */
export interface FilterKeyword {
  readonly name: string;
  readonly type: FilterValueType;
  readonly scopes: readonly FilterScope[];
  readonly description: string;
}

const CALL: FilterScope[] = ['trace', 'service', 'edge'];
const RC_SERVICE: FilterScope[] = [
  'rootcause.fault.service',
  'rootcause.error.service',
  'rootcause.responsetime.service',
];
const RC_ENTITY: FilterScope[] = ['rootcause.fault.entity', 'rootcause.error.entity', 'rootcause.responsetime.entity'];
const RC_EXCEPTION: FilterScope[] = ['rootcause.fault.exception', 'rootcause.error.exception'];
const RC_ALL: FilterScope[] = [...RC_SERVICE, ...RC_ENTITY, ...RC_EXCEPTION];

function keyword(name: string, type: FilterValueType, scopes: FilterScope[], description: string): FilterKeyword {
  return { name, type, scopes, description };
}

/** The simple keywords. Complex ones (`service()`, `annotation.KEY`, …) are in `FILTER_COMPLEX_KEYWORDS`. */
export const FILTER_KEYWORDS: readonly FilterKeyword[] = [
  keyword(
    'ok',
    'boolean',
    CALL,
    'The response succeeded: no fault, error or throttle, and a 2XX status when one is known.',
  ),
  keyword('error', 'boolean', CALL, 'A client error (4XX). At the top level only the root segment counts.'),
  keyword('throttle', 'boolean', CALL, 'Throttled (429). At the top level any segment of the trace counts.'),
  keyword('fault', 'boolean', CALL, 'A server fault (5XX). At the top level only the root segment counts.'),
  keyword('partial', 'boolean', ['trace'], 'Some segment of the trace is still in progress or missing.'),
  keyword(
    'inferred',
    'boolean',
    ['trace', ...RC_SERVICE],
    'The trace has inferred segments; inside rootcause: the service is inferred.',
  ),
  keyword(
    'responsetime',
    'duration',
    CALL,
    'Seconds the server took to respond (root segment, service segment or call).',
  ),
  keyword(
    'duration',
    'duration',
    ['trace'],
    'Seconds from the first segment start to the last segment end, downstream calls included.',
  ),
  keyword('http.status', 'number', CALL, 'The HTTP response status code.'),
  keyword('http.url', 'string', CALL, 'The request URL.'),
  keyword('http.method', 'string', CALL, 'The request method (GET, POST, …).'),
  keyword('http.useragent', 'string', CALL, 'The user agent of the request.'),
  keyword('http.clientip', 'string', CALL, 'The IP address of the requester.'),
  keyword('user', 'string', ['trace'], 'The user of any segment of the trace.'),
  keyword('availabilityzone', 'string', ['trace'], 'The availability zone of any segment of the trace.'),
  keyword('instance.id', 'string', ['trace'], 'The EC2 instance ID of any segment of the trace.'),
  keyword('resource.arn', 'string', ['trace'], 'The resource ARN of any segment of the trace.'),
  keyword('root', 'boolean', ['service'], 'The service is the entry point of the trace (its segment is the root).'),
  keyword('name', 'string', RC_ALL, 'The name of the root-cause service, entity or exception.'),
  keyword('type', 'string', RC_SERVICE, 'The type of the root-cause service (AWS::DynamoDB, AWS::EC2::Instance, …).'),
  keyword('message', 'string', RC_EXCEPTION, 'The message of the root-cause exception.'),
  keyword('remote', 'boolean', RC_ENTITY, 'The root-cause entity is a call to a remote resource.'),
  keyword(
    'coverage',
    'number',
    ['rootcause.responsetime.entity'],
    "The entity's response time divided by the root segment's (0..1).",
  ),
  keyword(
    'index',
    'number',
    RC_ALL,
    'The 0-based position of the element in its list (services, entity path, exceptions).',
  ),
  keyword('first', 'boolean', RC_ALL, 'The element is the first of its list.'),
  keyword('last', 'boolean', RC_ALL, 'The element is the last of its list (for an entity path: the deepest entity).'),
];

/** One complex keyword: how it is written, where it may stand, what it means. */
export interface FilterComplexKeyword {
  readonly name: string;
  readonly syntax: string;
  readonly scopes: readonly FilterScope[];
  readonly description: string;
}

/** The complex keywords; none may stand inside braces. */
export const FILTER_COMPLEX_KEYWORDS: readonly FilterComplexKeyword[] = [
  {
    name: 'service',
    syntax: 'service([name | id(…)]) [{ filter }]',
    scopes: ['trace'],
    description: 'The trace passes through the node (any node when empty); the filter applies to its segments.',
  },
  {
    name: 'edge',
    syntax: 'edge(source, target) [{ filter }]',
    scopes: ['trace'],
    description: "The trace has a call from source to target; the filter applies to the caller's record.",
  },
  {
    name: 'id',
    syntax: 'id(name: "…", type: "…", account.id: "…")',
    scopes: ['trace'],
    description: 'Names a node by any subset of name, type and account ID, inside service() or edge().',
  },
  {
    name: 'rootcause',
    syntax: 'rootcause.fault|error|responsetime.service|entity|exception { filter }',
    scopes: ['trace'],
    description: 'Some element of the trace’s fault, error or response-time root causes satisfies the filter.',
  },
  {
    name: 'rootcause.json',
    syntax: 'rootcause.json = #[ … ]',
    scopes: ['trace'],
    description: 'The root causes match a JSON pattern shaped like the API output; omitted fields match anything.',
  },
  {
    name: 'annotation',
    syntax: 'annotation.KEY [op value]',
    scopes: ['trace'],
    description: 'An annotation of any segment; bare: the key is set. The value type picks the operators.',
  },
  {
    name: 'group.name',
    syntax: 'group.name = "…"',
    scopes: ['trace'],
    description: "The trace meets the named group's filter expression.",
  },
  {
    name: 'group.arn',
    syntax: 'group.arn = "…"',
    scopes: ['trace'],
    description: 'The trace meets the filter expression of the group with that ARN.',
  },
];

const BY_NAME = new Map(FILTER_KEYWORDS.map((k) => [k.name, k]));

/** The catalogue entry for `name` (any case), if it is a simple keyword. */
export function findKeyword(name: string): FilterKeyword | undefined {
  return BY_NAME.get(name.toLowerCase());
}
