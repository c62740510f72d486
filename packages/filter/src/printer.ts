import type { Comparison, FilterExpression, Literal, NodeRef } from './ast.ts';

/**
 * The canonical text of an expression: keywords in lower case, `AND`/`OR`/word operators in upper
 * case, `!` for negation, every string quoted, parentheses only where precedence needs them. Parsing
 * the result gives back the same tree (positions aside), which makes it the form to store and compare.
 */
export function printFilterExpression(expression: FilterExpression): string {
  switch (expression.kind) {
    case 'or':
      return expression.operands.map((o) => (o.kind === 'or' ? `(${print(o)})` : print(o))).join(' OR ');
    case 'and':
      return expression.operands
        .map((o) => (o.kind === 'or' || o.kind === 'and' ? `(${print(o)})` : print(o)))
        .join(' AND ');
    case 'not':
      return `!${printNegated(expression.operand)}`;
    case 'keyword':
      return expression.name + printComparison(expression.comparison);
    case 'annotation':
      return `annotation.${expression.key}${printComparison(expression.comparison)}`;
    case 'group':
      return `group.${expression.field}${printComparison(expression.comparison)}`;
    case 'service':
      return `service(${expression.node ? printNodeRef(expression.node) : ''})${printBraces(expression.filter)}`;
    case 'edge':
      return `edge(${printNodeRef(expression.source)}, ${printNodeRef(expression.target)})${printBraces(expression.filter)}`;
    case 'rootcause':
      return `rootcause.${expression.cause}.${expression.level}${printBraces(expression.filter)}`;
    case 'rootcause-json':
      return `rootcause.json = #${JSON.stringify(expression.pattern)}`;
  }
}

const print = printFilterExpression;

/** The canonical text of a node reference: `"name"` or `id(name: "…", type: "…", account.id: "…")`. */
export function printNodeRef(node: NodeRef): string {
  if (node.kind === 'node-name') return quote(node.name);
  const fields: string[] = [];
  if (node.name !== undefined) fields.push(`name: ${quote(node.name)}`);
  if (node.type !== undefined) fields.push(`type: ${quote(node.type)}`);
  if (node.accountId !== undefined) fields.push(`account.id: ${quote(node.accountId)}`);
  return `id(${fields.join(', ')})`;
}

/** A string literal in double quotes with `"` and `\` escaped (the only escapes the lexer knows). */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

function printNegated(operand: FilterExpression): string {
  // Comparisons get parentheses too: `!(responsetime > 5)` reads unambiguously, `!responsetime > 5` does not.
  const needsParentheses =
    operand.kind === 'and' ||
    operand.kind === 'or' ||
    operand.kind === 'rootcause-json' ||
    ((operand.kind === 'keyword' || operand.kind === 'annotation' || operand.kind === 'group') &&
      operand.comparison !== undefined);
  return needsParentheses ? `(${print(operand)})` : print(operand);
}

function printComparison(comparison: Comparison | undefined): string {
  return comparison ? ` ${comparison.operator} ${printLiteral(comparison.value)}` : '';
}

function printLiteral(literal: Literal): string {
  switch (literal.kind) {
    case 'string':
      return quote(literal.value);
    case 'number':
      // String(-0) is "0", which would parse back as a different number.
      return Object.is(literal.value, -0) ? '-0' : String(literal.value);
    case 'boolean':
      return String(literal.value);
  }
}

function printBraces(filter: FilterExpression | undefined): string {
  return filter ? ` { ${print(filter)} }` : '';
}
