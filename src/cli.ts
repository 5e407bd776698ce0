import { readFileSync, writeFileSync } from 'node:fs';
import { withEnvFile } from './config/env-file.ts';
import { systemClock } from './shared/clock.ts';
import { runCli } from './cli/main.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  now: () => systemClock.now(),
  env: withEnvFile(process.env).env,
});
