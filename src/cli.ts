import { Command, CommanderError } from 'commander';
import { existsSync } from 'node:fs';
import { EXIT, UsageError } from './cli/jsonl.ts';

// Argument parsing and exit codes only: every command's work lives in its own folder.

const program = new Command('gatehouse')
  .description('A safety layer between an AI and the people it acts for.')
  .exitOverride()
  .showHelpAfterError();

function inputFile(file: string): string {
  if (file !== '-' && !existsSync(file)) throw new UsageError(`no such file: ${file}`);
  return file;
}

let exitCode: number = EXIT.ok;
const done = (code: number) => {
  exitCode = code;
};

program
  .command('simulate')
  .description('decide one scenario (JSON) and print the decision')
  .argument('<scenario>', "a scenario JSON file, or '-' for stdin")
  .action(async (file: string) => {
    const { runSimulate } = await import('./tickets/cli.ts');
    done(await runSimulate(inputFile(file)));
  });

program
  .command('replay')
  .description('decide every scenario of a JSON Lines file; decisions on stdout, a summary on stderr')
  .argument('<scenarios>', "a JSON Lines file, or '-' for stdin")
  .option('--compare <settings>', 'also decide every scenario under these settings and report what changes')
  .action(async (file: string, opts: { compare?: string }) => {
    const { runReplay } = await import('./tickets/cli.ts');
    done(await runReplay(inputFile(file), { compare: opts.compare && inputFile(opts.compare) }));
  });

program
  .command('guard')
  .description('check texts (JSON Lines) with the output guardrails')
  .argument('<texts>', "a JSON Lines file, or '-' for stdin")
  .option('--settings <settings>', 'org settings (JSON) whose `guardrails` apply, or the guardrails object itself')
  .action(async (file: string, opts: { settings?: string }) => {
    const { runGuard } = await import('./guardrails/cli.ts');
    done(await runGuard(inputFile(file), { settings: opts.settings && inputFile(opts.settings) }));
  });

const calls = program.command('calls').description('call intake for home-service businesses');
calls
  .command('simulate')
  .description('run one scripted call and print the result')
  .argument('<call>', 'a scripted call JSON file')
  .action(async (file: string) => {
    const { runCallsSimulate } = await import('./calls/cli.ts');
    done(await runCallsSimulate(inputFile(file)));
  });
calls
  .command('qa')
  .description('run the pre-launch QA suite built from a business configuration')
  .argument('<business>', 'a business configuration JSON file')
  .option('--json', 'print the report as JSON')
  .action(async (file: string, opts: { json?: boolean }) => {
    const { runCallsQa } = await import('./calls/cli.ts');
    done(await runCallsQa(inputFile(file), opts));
  });

program
  .command('rotate-secret')
  .description('re-encrypt every stored store credential from GATEHOUSE_OLD_SECRET to GATEHOUSE_SECRET (all or nothing)')
  .action(async () => {
    const { runRotateSecret } = await import('./service/rotate-secret.ts');
    done(await runRotateSecret());
  });

for (const name of ['serve', 'start']) {
  program
    .command(name)
    .description(name === 'start' ? 'start the service (same as serve)' : 'run the HTTP service and dashboard')
    .option('--port <port>', 'port to listen on (env PORT, default 3000)')
    .action(async (opts: { port?: string }) => {
      const { runServe } = await import('./service/cli.ts');
      done(await runServe(opts));
    });
}

try {
  await program.parseAsync(process.argv);
  process.exitCode = exitCode;
} catch (error) {
  if (error instanceof CommanderError) {
    // help and version are not errors; everything else commander reports is a usage error
    process.exitCode = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
  } else if (error instanceof UsageError) {
    process.stderr.write(`gatehouse: ${error.message}\n`);
    process.exitCode = EXIT.usage;
  } else {
    process.stderr.write(`gatehouse: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 70;
  }
}
