/**
 * ARNs for the resources Roentgen keeps (sampling rules, groups). X-Ray clients treat ARNs as
 * opaque strings, so a fixed region and account are enough to make them well-formed and stable.
 */
export const ROENTGEN_REGION = 'local';
export const ROENTGEN_ACCOUNT_ID = '000000000000';

/** `arn:aws:xray:local:000000000000:<resource>`, e.g. `sampling-rule/Default`. */
export function xrayArn(resource: string): string {
  return `arn:aws:xray:${ROENTGEN_REGION}:${ROENTGEN_ACCOUNT_ID}:${resource}`;
}
