import { snapshotJsonSchema } from '../scoring/snapshot-json-schema.ts';
import type { CliIo } from './io.ts';
import { runScoreCommand, scoreUsage } from './score-command.ts';

const usage = [
  'usage: npm run waypoint -- <command>',
  '  score --input companies.json [--config config.json] [--now ISO]   score snapshots, one card per line',
  '  snapshot-schema                                                  print the snapshot JSON Schema (docs/snapshot.schema.json)',
].join('\n');

export const runCli = (argv: string[], io: CliIo): number => {
  const [command, ...rest] = argv;
  switch (command) {
    case 'score':
      return runScoreCommand(rest, io);
    case 'snapshot-schema':
      io.out(snapshotJsonSchema().trimEnd());
      return 0;
    case undefined:
    case '--help':
    case 'help':
      io.out(usage);
      return command === undefined ? 2 : 0;
    default:
      io.err(`unknown command "${command}"\n${usage}\n${scoreUsage}`);
      return 2;
  }
};
