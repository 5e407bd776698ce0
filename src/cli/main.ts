import { snapshotJsonSchema } from '../scoring/snapshot-json-schema.ts';
import { openApiJson } from '../server/openapi/document.ts';
import { apiKeyUsage, runApiKeyCommand } from './api-key-command.ts';
import { backtestUsage, runBacktestCommand } from './backtest-command.ts';
import { configUsage, runConfigCommand } from './config-command.ts';
import type { CliIo } from './io.ts';
import { migrateUsage, runMigrateCommand } from './migrate-command.ts';
import { reencryptUsage, runReencryptCommand } from './reencrypt-command.ts';
import { runScoreCommand, scoreUsage } from './score-command.ts';

const usage = [
  'usage: npm run waypoint -- <command> [--help]',
  '  score --input companies.json [--config config.json] [--now ISO]   score snapshots, one card per line',
  '  api-key create|list|revoke --portal N [--name NAME] [PREFIX]       mint, list or revoke a portal\'s API keys',
  '  config show|diff|apply --portal N [FILE]                          the portal\'s scoring config, a dry run of FILE, or saving it',
  '  backtest --portal N [--horizon 90|180]                           how well past health predicted churn (docs/backtest.md)',
  '  migrate [--status]                                               apply (or list) the store\'s schema migrations',
  '  reencrypt                                                        rewrite every stored token under ENCRYPTION_KEY after a rotation',
  '  snapshot-schema                                                  print the snapshot JSON Schema (docs/snapshot.schema.json)',
  '  openapi                                                          print the OpenAPI document of Waypoint\'s HTTP API (docs/openapi.json)',
].join('\n');

const isHelp = (args: readonly string[]) => args.includes('--help') || args.includes('-h');

const printing = (text: () => string) => (_args: string[], io: CliIo): number => {
  io.out(text().trimEnd());
  return 0;
};

/** Each command with its usage; `<command> --help` prints the usage and runs nothing (migrate parses its own). */
const commands: Record<string, { usage: string; run: (args: string[], io: CliIo) => number | Promise<number> }> = {
  score: { usage: scoreUsage, run: runScoreCommand },
  'api-key': { usage: apiKeyUsage, run: runApiKeyCommand },
  config: { usage: configUsage, run: runConfigCommand },
  backtest: { usage: backtestUsage, run: runBacktestCommand },
  migrate: { usage: migrateUsage, run: runMigrateCommand },
  reencrypt: { usage: reencryptUsage, run: runReencryptCommand },
  'snapshot-schema': {
    usage: 'usage: npm run waypoint -- snapshot-schema   prints the JSON Schema every score --input record follows',
    run: printing(snapshotJsonSchema),
  },
  openapi: {
    usage: 'usage: npm run -s waypoint -- openapi > docs/openapi.json   prints the OpenAPI 3.1 document built from the routes\' zod schemas',
    run: printing(openApiJson),
  },
};

/** Returns the exit code; commands that reach the store answer asynchronously. */
export const runCli = (argv: string[], io: CliIo): number | Promise<number> => {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(usage);
    return command === undefined ? 2 : 0;
  }
  const chosen = Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (chosen === undefined) {
    io.err(`unknown command "${command}"\n${usage}\n${Object.values(commands).map((c) => c.usage).join('\n')}`);
    return 2;
  }
  if (isHelp(rest)) {
    io.out(chosen.usage);
    return 0;
  }
  return chosen.run(rest, io);
};
