/** The real `@aws-sdk/client-xray`, pointed at a test server with dummy credentials. */
import { XRayClient } from '@aws-sdk/client-xray';

export function xrayClient(baseUrl: string): XRayClient {
  return new XRayClient({
    endpoint: baseUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}
