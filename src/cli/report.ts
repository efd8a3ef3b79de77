// `npm run report -- --tenant <id> --month YYYY-MM --out <file.pdf> (--prometheus URL | --grafana URL) [...]`
// A thin entry over src/report/server: the command-line kit parses, prints usage and ends the process; `--help`
// lists every option and the exit codes.
import { REPORT_SPEC, reportArgs } from '../report/server/args';
import { reportMain } from '../report/server/run';
import { runCommand } from '../shared/cli';

void runCommand(REPORT_SPEC, (parsed, io) => reportMain(reportArgs(parsed), process.env, io));
