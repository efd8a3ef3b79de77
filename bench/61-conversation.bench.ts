// Conversation stripping (src/triage/conversation): what it costs on ordinary error lines (the common case, most
// lines fail its cheap gate) and on a journal full of request logging. Prints figures only; compare with the
// template miner's lines/CPU-s printed by 60-triage (this pass runs before it on every line).
import { stripConversations } from '../src/triage/conversation';
import type { LogLine } from '../src/triage/types';
import { PLANTED, SHAPES, journalLines } from '../tests/fixtures/conversations/shapes';
import { generate } from './60-triage.bench';

function measure(label: string, lines: LogLine[]) {
  stripConversations(lines); // warm-up (JIT)
  const runs = 3;
  const c0 = process.cpuUsage();
  let removed = 0;
  for (let i = 0; i < runs; i++) {
    removed = stripConversations(lines).removed.lines;
  }
  const cpu = process.cpuUsage(c0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6 / runs;
  const chars = lines.reduce((s, l) => s + l.message.length, 0);
  console.log(
    `${label}: ${lines.length.toLocaleString('en')} lines (${(chars / 1e6).toFixed(1)} MB) in ${(cpuSecs * 1000).toFixed(0)} ms CPU = ` +
      `${Math.round(lines.length / cpuSecs).toLocaleString('en')} lines/CPU-s; ${removed.toLocaleString('en')} lines stripped`
  );
}

export default async function conversationBench() {
  measure('ordinary error lines (60-triage input)', generate(100_000).slice(0, 100_000));
  const logged: LogLine[] = [];
  for (let i = 0; logged.length < 100_000; i++) {
    const shape = SHAPES[i % SHAPES.length];
    logged.push(...journalLines(shape, PLANTED[i % PLANTED.length], Date.UTC(2026, 10, 23) + i * 1000, `host-${i % 4}`));
  }
  measure('request logging on (every shape, all servers)', logged.slice(0, 100_000));
}
