import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_MANIFEST_PATH,
  DEFAULT_SCRIPT_PATH,
  buildDemoReport,
  deployFunction,
  formatDemoReport,
  readDemoManifest,
  readLoadScript,
  scriptDuration,
  spawnDemoHost,
  waitForTracesToSettle,
  withoutFaults,
  type DemoHost,
  type LoadScript,
} from '@roentgen/demo-app';
import { formatHostPort, parseHostPort, readServerConfig, startServer, type HostPort } from '@roentgen/server-app';

export const demoUsage = `Usage: roentgen demo [--listen HOST:PORT] [--udp HOST:PORT] [--data DIR] [--gateway HOST:PORT]
                     [--script FILE] [--manifest FILE] [--healthy] [--exit]
       roentgen demo deploy -f FUNCTION --handler word|faulty [--data DIR]

Runs the reference scenario: Roentgen on the embedded store, the name-generator API (an API Gateway
stage, an entrypoint and fifty word functions on a local Lambda host) with two faults deployed, a
load, and then a report of what Roentgen found. Roentgen keeps running for exploring until Ctrl-C.
  --listen HOST:PORT   Roentgen's HTTP port: API and console    (default 127.0.0.1:2000)
  --udp HOST:PORT      Roentgen's UDP port for segments          (default 127.0.0.1:2000)
  --data DIR           the embedded store; kept for a later \`roentgen start\` (default ./.roentgen)
  --gateway HOST:PORT  the name generator's API Gateway stage    (default 127.0.0.1:3000)
  --script FILE        the load, in Artillery's format           (default apps/demo/load/script.yml)
  --manifest FILE      the serverless.yml-style manifest          (default apps/demo/serverless.yml)
  --healthy            deploy every function with its healthy handler (no faults)
  --exit               stop everything after the report and exit
\`demo deploy\` redeploys one function of a running demo, e.g. -f adjective-4 --handler faulty.`;

/** The file in the data directory through which `demo deploy` finds a running demo. */
const STATE_FILE = 'demo.json';

const RULE = {
  RuleName: 'demo-keep-everything',
  Priority: 1,
  FixedRate: 1,
  ReservoirSize: 1,
  ServiceName: '*',
  ServiceType: '*',
  Host: '*',
  HTTPMethod: '*',
  URLPath: '*',
  ResourceARN: '*',
  Version: 1,
};

/** `roentgen demo`: see {@link demoUsage}. Resolves with the exit code. */
export async function demoCommand(argv: string[]): Promise<number> {
  if (argv[0] === 'deploy') return deployCommand(argv.slice(1));
  const { values } = parseArgs({
    args: argv,
    options: {
      listen: { type: 'string' },
      udp: { type: 'string' },
      data: { type: 'string' },
      gateway: { type: 'string' },
      script: { type: 'string' },
      manifest: { type: 'string' },
      healthy: { type: 'boolean' },
      exit: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    say(demoUsage);
    return 0;
  }
  // Read everything the user gave before starting anything, so a typo costs no start-up time.
  const gateway = parseHostPort(values.gateway ?? '127.0.0.1:3000', '--gateway');
  const script = readLoadScript(values.script ?? DEFAULT_SCRIPT_PATH);
  const manifest = readDemoManifest(values.manifest ?? DEFAULT_MANIFEST_PATH);
  const config = readServerConfig(values);
  // The AWS SDK's notice about future Node versions says nothing about the demo.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

  say('starting Roentgen…');
  const server = await startServer({ ...config, log: () => undefined });
  const serverUrl = `http://${formatHostPort(reachable(server.httpAddress))}`;
  let system: DemoHost | undefined;
  let stopping: Promise<void> | undefined;
  const stopAll = (): Promise<void> =>
    (stopping ??= (async () => {
      rmSync(join(config.dataDir, STATE_FILE), { force: true });
      await system?.stop();
      await server.stop();
    })());
  const onSignal = (): void => {
    say('\nstopping the demo and Roentgen…');
    void stopAll().finally(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    say(
      `Roentgen: ${serverUrl} (console ${serverUrl}/), udp ${formatHostPort(server.udpAddress)}, data in ${config.dataDir}`,
    );
    await keepEveryTrace(serverUrl);
    const deployed = values.healthy ? withoutFaults(manifest) : manifest;
    const faulty = deployed.functions.filter((f) => f.handler === 'faulty').map((f) => f.name);
    say(`deploying ${deployed.functions.length} functions… (faulty: ${faulty.join(', ') || 'none'})`);
    system = await spawnDemoHost(
      {
        manifest: deployed,
        udpAddress: formatHostPort(reachable(server.udpAddress)),
        serverAddress: formatHostPort(reachable(server.httpAddress)),
        gatewayHost: gateway.host,
        gatewayPort: gateway.port,
      },
      (line) => process.stderr.write(line + '\n'),
    );
    say(`gateway: ${system.gatewayUrl}  lambda: ${system.lambdaEndpoint}`);
    writeFileSync(
      join(config.dataDir, STATE_FILE),
      JSON.stringify({ lambdaEndpoint: system.lambdaEndpoint, serverUrl }),
    );
    await runAndReport(system, script, serverUrl);
  } catch (error) {
    await stopAll();
    throw error;
  }
  if (values.exit) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopAll();
    return 0;
  }
  say(
    `\nRoentgen and the demo keep running: ${serverUrl}/  (load it again: curl ${system.gatewayUrl}/). Ctrl-C stops both.`,
  );
  return new Promise<number>(() => undefined);
}

async function runAndReport(system: DemoHost, script: LoadScript, serverUrl: string): Promise<void> {
  say(`load: ${scriptDuration(script)} s against ${system.gatewayUrl}/ (open loop)`);
  const tty = process.stdout.isTTY;
  let lastPrinted = 0;
  const result = await system.runLoad(script, (line, final) => {
    if (tty) process.stdout.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    else if (final || Date.now() - lastPrinted >= 5000) {
      lastPrinted = Date.now();
      say(line);
    }
  });
  say('waiting for the last segments to reach Roentgen…');
  const window = { start: result.startTime - 5, end: Date.now() / 1000 + 5 };
  await waitForTracesToSettle(serverUrl, window);
  const report = await buildDemoReport(serverUrl, { ...window, end: Date.now() / 1000 + 5 });
  say('\n' + formatDemoReport(report));
}

/** The demo traces every request: a sampling rule in Roentgen that keeps 100 %, created once. */
async function keepEveryTrace(serverUrl: string): Promise<void> {
  const response = await fetch(`${serverUrl}/CreateSamplingRule`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ SamplingRule: RULE }),
  });
  const text = await response.text();
  // A rule kept in --data from an earlier run stays as the user left it.
  if (!response.ok && !/exist/i.test(text)) {
    throw new Error(`could not create the sampling rule ${RULE.RuleName}: ${response.status} ${text}`);
  }
}

async function deployCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      function: { type: 'string', short: 'f' },
      handler: { type: 'string' },
      data: { type: 'string' },
    },
    strict: true,
  });
  const handler = values.handler;
  if (values.function === undefined || (handler !== 'word' && handler !== 'faulty')) {
    process.stderr.write('roentgen demo deploy: give -f FUNCTION and --handler word|faulty\n');
    return 2;
  }
  const dataDir = readServerConfig({ data: values.data }).dataDir;
  const stateFile = join(dataDir, STATE_FILE);
  if (!existsSync(stateFile)) {
    process.stderr.write(
      `roentgen demo deploy: no running demo found (${stateFile} is missing); start one with \`roentgen demo\` or give its --data DIR\n`,
    );
    return 1;
  }
  const { lambdaEndpoint } = JSON.parse(readFileSync(stateFile, 'utf8')) as { lambdaEndpoint: string };
  await deployFunction(lambdaEndpoint, values.function, handler);
  say(`${values.function} now runs its ${handler} handler`);
  return 0;
}

/** A wildcard bind address is not one to send to; its loopback is. */
function reachable(address: HostPort): HostPort {
  if (address.host === '0.0.0.0') return { ...address, host: '127.0.0.1' };
  if (address.host === '::') return { ...address, host: '::1' };
  return address;
}

function say(text: string): void {
  process.stdout.write(text + '\n');
}
