// `npm run report -- --tenant <id> --month YYYY-MM --out <file.pdf> (--prometheus URL | --grafana URL) [...]`
// A thin entry over src/report/server/run.ts; `--help` lists every option and the exit codes.
import { runReportCommand } from '../report/server/run';

runReportCommand(process.argv.slice(2), process.env, {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`report: unexpected error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 3;
  }
);
