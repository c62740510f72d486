const usage = `Usage: roentgen <command> [options]

Commands:
  demo      run Roentgen and the name-generator demo under load, then report what it found
  start     run the server: X-Ray daemon (UDP), X-Ray API, OTLP and console (HTTP), one port each
  traces    list traces matching a filter      roentgen traces --filter 'responsetime > 1.5' --since 15m
  trace     show one trace as a timeline       roentgen trace 1-5759e988-bd862e3fe1be46a994272793
  map       the service map, worst first       roentgen map --since 15m
  help      this text; \`roentgen <command> --help\` shows a command's options`;

type Command = (argv: string[]) => Promise<number>;

// Commands load lazily so that `roentgen help` and the light commands start fast.
const commands: Record<string, Command> = {
  start: async (argv) => (await import('./commands/start-command.ts')).startCommand(argv),
  traces: async (argv) => (await import('./commands/traces-command.ts')).tracesCommand(argv),
  trace: async (argv) => (await import('./commands/trace-command.ts')).traceCommand(argv),
  map: async (argv) => (await import('./commands/map-command.ts')).mapCommand(argv),
  demo: async (argv) => (await import('./commands/demo-command.ts')).demoCommand(argv),
};

/** Runs the command named by `argv[0]` and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage + '\n');
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`roentgen: unknown command "${name}"; try \`roentgen help\`\n`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (error) {
    process.stderr.write(`roentgen ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
