/**
 * Random lowercase hex from the platform's CSPRNG (`crypto.getRandomValues`, present in browsers and
 * in Node ≥ 19), so IDs need no `node:crypto` import and the package stays browser-safe.
 */

const HEX_DIGITS = '0123456789abcdef';

/** `byteCount` random bytes as `2 * byteCount` lowercase hex digits. */
export function randomHex(byteCount: number): string {
  const bytes = new Uint8Array(byteCount);
  globalThis.crypto.getRandomValues(bytes);
  return bytesToHex(bytes);
}

/** Lowercase hex of the given bytes, two digits per byte. */
export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) {
    hex += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 0x0f]!;
  }
  return hex;
}
