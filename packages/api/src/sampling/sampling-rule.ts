import { invalidRequest } from '../errors/api-error.ts';
import { xrayArn } from '../resource-arn.ts';

/** X-Ray's `SamplingRule` (reference §4.5.7), as stored and as returned. */
export interface SamplingRule {
  RuleName: string;
  RuleARN: string;
  ResourceARN: string;
  /** 1..9999; the Default rule has 10000 and is evaluated last. */
  Priority: number;
  /** 0..1: the share of requests sampled once the reservoir is used up. */
  FixedRate: number;
  /** Requests per second sampled before `FixedRate` applies, shared by all clients. */
  ReservoirSize: number;
  ServiceName: string;
  ServiceType: string;
  Host: string;
  HTTPMethod: string;
  URLPath: string;
  Version: number;
  /** Always `{}` for rules SDKs use: the Node SDK ignores rules with attributes. */
  Attributes: Record<string, string>;
}

/** A rule with its times, epoch seconds, as `GetSamplingRules` returns it. */
export interface SamplingRuleRecord {
  SamplingRule: SamplingRule;
  CreatedAt: number;
  ModifiedAt: number;
}

export const DEFAULT_RULE_NAME = 'Default';
/** X-Ray's limit of rules per account and region, Default excluded. */
export const MAX_SAMPLING_RULES = 25;

/** The built-in rule: 1 request per second, then 5%; always present, never deletable. */
export function defaultRuleRecord(): SamplingRuleRecord {
  return {
    SamplingRule: {
      RuleName: DEFAULT_RULE_NAME,
      RuleARN: xrayArn(`sampling-rule/${DEFAULT_RULE_NAME}`),
      ResourceARN: '*',
      Priority: 10000,
      FixedRate: 0.05,
      ReservoirSize: 1,
      ServiceName: '*',
      ServiceType: '*',
      Host: '*',
      HTTPMethod: '*',
      URLPath: '*',
      Version: 1,
      Attributes: {},
    },
    CreatedAt: 0,
    ModifiedAt: 0,
  };
}

type Input = Record<string, unknown>;

function text(input: Input, member: string, max: number, where: string, fallback?: string): string {
  const value = input[member] ?? fallback;
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw invalidRequest(`${where}.${member} must be a string of 1 to ${max} characters.`);
  }
  return value;
}

function number(input: Input, member: string, min: number, max: number, where: string, integer: boolean): number {
  const value = input[member];
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw invalidRequest(
      `${where}.${member} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`,
    );
  }
  return value;
}

/** The optional `Attributes` map: at most 5 entries of 1..32-character strings. */
function attributes(input: Input, where: string): Record<string, string> {
  const value = input['Attributes'] ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest(`${where}.Attributes must be an object of strings.`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 5)
    throw invalidRequest(`${where}.Attributes has ${entries.length} entries; at most 5 are allowed.`);
  for (const [key, v] of entries) {
    if (typeof v !== 'string' || key.length > 32 || v.length > 32 || key.length === 0 || v.length === 0) {
      throw invalidRequest(`${where}.Attributes["${key}"] must map a 1..32-character key to a 1..32-character string.`);
    }
  }
  return value as Record<string, string>;
}

/** Validates a `SamplingRule` of CreateSamplingRule; every message names the member. */
export function readNewRule(input: Input): SamplingRule {
  const where = 'SamplingRule';
  const name = text(input, 'RuleName', 32, where);
  if (!/^[A-Za-z0-9_-]+$/.test(name))
    throw invalidRequest(`${where}.RuleName may hold letters, digits, "_" and "-" only.`);
  const version = input['Version'] ?? 1;
  if (version !== 1) throw invalidRequest(`${where}.Version must be 1.`);
  return {
    RuleName: name,
    RuleARN: xrayArn(`sampling-rule/${name}`),
    ResourceARN: text(input, 'ResourceARN', 500, where),
    Priority: number(input, 'Priority', 1, 9999, where, true),
    FixedRate: number(input, 'FixedRate', 0, 1, where, false),
    ReservoirSize: number(input, 'ReservoirSize', 0, 2_147_483_647, where, true),
    ServiceName: text(input, 'ServiceName', 64, where),
    ServiceType: text(input, 'ServiceType', 64, where),
    Host: text(input, 'Host', 64, where),
    HTTPMethod: text(input, 'HTTPMethod', 10, where),
    URLPath: text(input, 'URLPath', 128, where),
    Version: 1,
    Attributes: attributes(input, where),
  };
}

/** Applies a `SamplingRuleUpdate` to `rule`: only the given members change. Default keeps its matchers. */
export function applyRuleUpdate(rule: SamplingRule, update: Input): SamplingRule {
  const merged: Input = { ...rule };
  const changeable =
    rule.RuleName === DEFAULT_RULE_NAME
      ? ['FixedRate', 'ReservoirSize']
      : [
          'ResourceARN',
          'Priority',
          'FixedRate',
          'ReservoirSize',
          'Host',
          'ServiceName',
          'ServiceType',
          'HTTPMethod',
          'URLPath',
          'Attributes',
        ];
  for (const member of Object.keys(update)) {
    if (member === 'RuleName' || member === 'RuleARN' || update[member] === undefined || update[member] === null)
      continue;
    if (!changeable.includes(member)) {
      throw invalidRequest(`SamplingRuleUpdate.${member} cannot be changed on rule ${rule.RuleName}.`);
    }
    merged[member] = update[member];
  }
  const checked =
    rule.RuleName === DEFAULT_RULE_NAME
      ? { ...readNewRule({ ...merged, Priority: 1 }), Priority: 10000 }
      : readNewRule(merged);
  return { ...checked, RuleName: rule.RuleName, RuleARN: rule.RuleARN };
}

/** Finds which rule a request names, by `RuleName` or by `RuleARN` (exactly one of them). */
export function ruleNameOf(input: Input, where: string): string {
  const name = input['RuleName'];
  const arn = input['RuleARN'];
  if (typeof name === 'string' && name.length > 0) return name;
  if (typeof arn === 'string' && arn.includes('sampling-rule/')) return arn.slice(arn.lastIndexOf('/') + 1);
  throw invalidRequest(`${where} must name the rule with RuleName or RuleARN.`);
}
