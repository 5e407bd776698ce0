import { snapshotJsonSchema } from '../scoring/snapshot-json-schema.ts';
import { apiKeyUsage, runApiKeyCommand } from './api-key-command.ts';
import { configUsage, runConfigCommand } from './config-command.ts';
import type { CliIo } from './io.ts';
import { migrateUsage, runMigrateCommand } from './migrate-command.ts';
import { runScoreCommand, scoreUsage } from './score-command.ts';

const usage = [
  'usage: npm run waypoint -- <command> [--help]',
  '  score --input companies.json [--config config.json] [--now ISO]   score snapshots, one card per line',
  '  api-key create|list|revoke --portal N [--name NAME] [PREFIX]       mint, list or revoke a portal\'s API keys',
  '  config show|diff|apply --portal N [FILE]                          the portal\'s scoring config, a dry run of FILE, or saving it',
  '  migrate [--status]                                               apply (or list) the store\'s schema migrations',
  '  snapshot-schema                                                  print the snapshot JSON Schema (docs/snapshot.schema.json)',
].join('\n');

const isHelp = (args: readonly string[]) => args.includes('--help') || args.includes('-h');

/** Returns the exit code; commands that reach the store answer asynchronously. */
export const runCli = (argv: string[], io: CliIo): number | Promise<number> => {
  const [command, ...rest] = argv;
  switch (command) {
    case 'score':
      if (isHelp(rest)) {
        io.out(scoreUsage);
        return 0;
      }
      return runScoreCommand(rest, io);
    case 'api-key':
      if (isHelp(rest)) {
        io.out(apiKeyUsage);
        return 0;
      }
      return runApiKeyCommand(rest, io);
    case 'config':
      if (isHelp(rest)) {
        io.out(configUsage);
        return 0;
      }
      return runConfigCommand(rest, io);
    case 'migrate':
      return runMigrateCommand(rest, io);
    case 'snapshot-schema':
      if (isHelp(rest)) {
        io.out('usage: npm run waypoint -- snapshot-schema   prints the JSON Schema every score --input record follows');
        return 0;
      }
      io.out(snapshotJsonSchema().trimEnd());
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.out(usage);
      return command === undefined ? 2 : 0;
    default:
      io.err(`unknown command "${command}"\n${usage}\n${scoreUsage}\n${migrateUsage}\n${apiKeyUsage}\n${configUsage}`);
      return 2;
  }
};
