/** Written to `aws.xray.sdk_version` on every segment; kept equal to package.json's version. */
export const SDK_VERSION = '0.1.0';
