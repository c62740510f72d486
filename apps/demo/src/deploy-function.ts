/**
 * Redeploys one function of a running demo from another process, through the host's Lambda API
 * (`UpdateFunctionConfiguration` with a new `Handler`), the way one would with the AWS CLI.
 */
import { LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import type { HandlerName } from './demo-manifest.ts';

/** Switches `name` to `handler` (`word` or `faulty`) on the host at `lambdaEndpoint`. */
export async function deployFunction(lambdaEndpoint: string, name: string, handler: HandlerName): Promise<void> {
  const client = new LambdaClient({
    endpoint: lambdaEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'DEMO', secretAccessKey: 'demo' },
    maxAttempts: 1,
  });
  try {
    await client.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Handler: handler }));
  } finally {
    client.destroy();
  }
}
