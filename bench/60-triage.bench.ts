// Triage: template-mining throughput on 100,000 journal lines (goal ≥ 200,000 lines/s) and the prompt size for
// that input (goal ≤ 2,000 tokens while every template seen ≥ 5 times is in the facts). Prints figures only.
import { TemplateMiner } from '../src/triage/drain';
import { computeFacts } from '../src/triage/facts';
import { buildPrompt } from '../src/triage/prompt';
import type { LogLine } from '../src/triage/types';

// Deterministic PRNG so every run mines the same input. The LCG step is done in 32-bit integer arithmetic:
// in floating point the product exceeds 2^53, loses its low bits and the sequence fell into a cycle of about
// 10,000 draws, so 100,000 lines held only ~900 distinct messages, far more repetitive than real logs.
let seed = 60;
const rnd = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return seed / 2 ** 31;
};
const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
const pick = <T>(xs: T[]) => xs[int(0, xs.length - 1)];
const ip = () => `10.${int(0, 9)}.${int(0, 255)}.${int(1, 254)}`;
const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
const uuid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;

const GENERATORS: Array<[unit: string, gen: () => string]> = [
  [
    'vllm.service',
    () =>
      `torch.OutOfMemoryError: CUDA out of memory. Tried to allocate ${pick([256, 512, 1024])}.00 MiB. GPU ${int(0, 1)} has a total capacity of 119.${int(10, 99)} GiB`,
  ],
  [
    'vllm.service',
    () =>
      `ERROR 11-${int(10, 28)} ${int(10, 23)}:${int(10, 59)}:${int(10, 59)} [async_llm.py:${pick([420, 431])}] AsyncLLM output_handler failed.`,
  ],
  ['vllm.service', () => `Aborted request chatcmpl-${hex(32)}.`],
  [
    'vllm.service',
    () =>
      `ERROR [serving_chat.py:${int(100, 999)}] Error in chat completion stream generator: request ${uuid()} timed out after ${int(30, 600)}s`,
  ],
  [
    'vllm.service',
    () =>
      `WARNING [scheduler.py:${int(1000, 1999)}] Sequence group ${int(1, 99999)} is preempted by PreemptionMode.RECOMPUTE because there is not enough KV cache space. total_num_cumulative_preemption=${int(1, 500)}`,
  ],
  ['init.scope', () => `vllm.service: Main process exited, code=exited, status=${pick([1, 137])}/FAILURE`],
  [
    'init.scope',
    () => `${pick(['vllm.service', 'mcp-server.service', 'lnd.service'])}: Failed with result 'exit-code'.`,
  ],
  [
    'ssh.service',
    () =>
      `Invalid user ${pick(['admin', 'oracle', 'test', 'ubuntu', 'pi', 'git', 'postgres'])} from ${ip()} port ${int(1024, 65535)}`,
  ],
  ['ssh.service', () => `Failed password for root from ${ip()} port ${int(1024, 65535)} ssh2`],
  [
    'ssh.service',
    () => `error: kex_exchange_identification: Connection closed by remote host from ${ip()} port ${int(1024, 65535)}`,
  ],
  [
    'kernel',
    () =>
      `NVRM: Xid (PCI:0000:${int(1, 9)}:00): ${pick([13, 31, 43, 79])}, pid=${int(1000, 99999)}, name=python3, Ch ${hex(8)}`,
  ],
  [
    'kernel',
    () =>
      `Out of memory: Killed process ${int(1000, 99999)} (python3) total-vm:${int(1e6, 1e8)}kB, anon-rss:${int(1e6, 1e8)}kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:${int(1000, 99999)}kB oom_score_adj:0`,
  ],
  [
    'kernel',
    () =>
      `nvme${int(0, 1)}n1: I/O Cmd(0x2) @ LBA ${int(1e6, 1e9)}, ${pick([8, 16, 256])} blocks, I/O Error (sct 0x2 / sc 0x81) MORE DNR`,
  ],
  [
    'kernel',
    () =>
      `EXT4-fs error (device nvme0n1p${int(1, 3)}): ext4_find_entry:${int(1000, 1999)}: inode #${int(1, 9999999)}: comm python3: reading directory lblock 0`,
  ],
  [
    'mcp-server.service',
    () =>
      `tool call ${pick(['search', 'fetch', 'summarize', 'browse'])} timed out after ${int(5, 30)}s request_id=${uuid()}`,
  ],
  ['mcp-server.service', () => `upstream connect error to http://${ip()}:8000/v1/chat/completions: connection refused`],
  ['mcp-server.service', () => `rate limit exceeded for client ${uuid()}: ${int(10, 500)} requests in ${int(1, 60)}s`],
  ['lnd.service', () => `[ERR] PEER: unable to connect to ${hex(66)}@${ip()}:9735: dial tcp ${ip()}:9735: i/o timeout`],
  [
    'lnd.service',
    () =>
      `[ERR] LNWL: Unable to synchronize wallet to chain, trying again in ${pick([1, 2, 4, 8])}s: block ${int(800000, 900000)} not found`,
  ],
  [
    'lnd.service',
    () =>
      `[ERR] HSWC: ChannelLink(${hex(64)}:${int(0, 3)}): failing link: unable to complete dance with error: remote unresponsive`,
  ],
  [
    'alloy.service',
    () =>
      `level=error msg="final error sending batch" component=loki.write.default status=${pick([429, 500, 502])} tenant="" error="server returned HTTP status ${pick(['429 Too Many Requests', '500 Internal Server Error'])}"`,
  ],
  [
    'prometheus.service',
    () =>
      `ts=2026-11-23T${int(10, 23)}:${int(10, 59)}:${int(10, 59)}.${int(100, 999)}Z caller=head.go:${int(600, 700)} level=error component=tsdb msg="Head compaction failed" err="write /var/lib/prometheus/wal/${String(int(10, 99)).padStart(8, '0')}: no space left on device"`,
  ],
  [
    'prometheus.service',
    () =>
      `ts=2026-11-23T${int(10, 23)}:${int(10, 59)}:${int(10, 59)}.${int(100, 999)}Z caller=scrape.go:${int(1000, 1999)} level=warn component="scrape manager" scrape_pool=${pick(['node_spark', 'dcgm', 'vllm_inference'])} target=http://${ip()}:${pick([9100, 9400, 8000])}/metrics msg="Scrape failed" err="context deadline exceeded"`,
  ],
  [
    'grafana.service',
    () =>
      `logger=context userId=${int(1, 20)} orgId=${int(1, 5)} uname=${pick(['ops', 'admin', 'acme-viewer'])} t=2026-11-23T${int(10, 23)}:${int(10, 59)}:${int(10, 59)}Z level=error msg="Request Completed" method=POST path=/api/ds/query status=${pick([400, 500, 502])} remote_addr=${ip()} time_ms=${int(1, 30000)} duration=${int(1, 30000)}ms size=${int(10, 9999)} referer= handler=/api/ds/query`,
  ],
  [
    'sms-relay.service',
    () =>
      `send failed to +${int(10000000000, 99999999999)}: provider returned ${pick([429, 500, 503])} after ${int(100, 5000)}ms`,
  ],
  [
    'docker.service',
    () =>
      `level=error msg="Handler for POST /v1.${int(40, 45)}/containers/${hex(64)}/start returned error: ${pick(['OCI runtime create failed', 'port is already allocated'])}"`,
  ],
];

// Each service runs where it runs in the reference stack; sshd and systemd run everywhere.
const HOSTS: Record<string, string[]> = {
  'vllm.service': ['spark-host'],
  kernel: ['spark-host', 'spark-host', 'spark-host', 'mgmt'],
  'mcp-server.service': ['floki'],
  'sms-relay.service': ['floki', 'mgmt'],
  'lnd.service': ['ln-node'],
  'ssh.service': ['spark-host', 'mgmt', 'floki', 'ln-node'],
  'init.scope': ['spark-host', 'floki', 'ln-node'],
};
const hostOf = (unit: string) => pick(HOSTS[unit] ?? ['mgmt']);

function generate(n: number): LogLine[] {
  const t0 = Date.UTC(2026, 10, 23, 0);
  // Zipf-like weights: a few templates dominate, as in real error logs.
  const weights = GENERATORS.map((_, i) => 1 / (i + 1) ** 1.1);
  const total = weights.reduce((a, b) => a + b, 0);
  const lines: LogLine[] = [];
  for (let i = 0; i < n; i++) {
    let r = rnd() * total;
    let k = 0;
    while (r > weights[k] && k < weights.length - 1) {
      r -= weights[k];
      k++;
    }
    const [unit, gen] = GENERATORS[k];
    lines.push({ time: t0 + Math.floor((i / n) * 86_400_000), host: hostOf(unit), unit, priority: 3, message: gen() });
  }
  // A handful of one-off lines: rare templates (seen < 5 times) the budget may leave out.
  for (let i = 0; i < 40; i++) {
    lines.push({
      time: t0 + i * 1000,
      host: 'mgmt',
      unit: 'misc.service',
      priority: 3,
      message: `one-off failure kind${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))} in module ${i}`,
    });
  }
  return lines;
}

export { generate };

export default async function triageBench() {
  const N = 100_000;
  const lines = generate(N).slice(0, N);
  const miner = () => {
    const m = new TemplateMiner({ similarity: 0.4, maxClusters: 300 });
    for (const l of lines) {
      m.add(l);
    }
    return m;
  };
  miner(); // warm-up (JIT)
  const runs = 3;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let m = miner();
  for (let i = 1; i < runs; i++) {
    m = miner();
  }
  const secs = (performance.now() - t0) / 1000 / runs;
  const cpu = process.cpuUsage(c0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6 / runs;
  // On a shared machine wall-clock time includes waiting for a core; CPU time is what the miner itself costs.
  console.log(
    `template mining: ${N} lines in ${(secs * 1000).toFixed(0)} ms wall = ${Math.round(N / secs).toLocaleString('en')} lines/s; ` +
      `${(cpuSecs * 1000).toFixed(0)} ms CPU = ${Math.round(N / cpuSecs).toLocaleString('en')} lines/CPU-s (goal ≥ 200,000); ${m.size} templates`
  );

  const f0 = performance.now();
  const { facts, redactions } = computeFacts(lines, { similarity: 0.4, maxClusters: 300 });
  const fsecs = (performance.now() - f0) / 1000;
  console.log(`full facts (sanitise + redact + mine + counts): ${Math.round(N / fsecs).toLocaleString('en')} lines/s`);

  const frequent = facts.templates.filter((t) => t.count >= 5);
  for (const budget of [2000, 3000]) {
    const p = buildPrompt(facts, { tenant: 'operator', budgetTokens: budget }, { ...redactions });
    // The prompt writes numbers as # and cuts templates at 120 characters: compare on that form.
    const inPrompt = (t: string) =>
      p.messages[1].content.includes(JSON.stringify(t.replace(/<NUM>/g, '#').slice(0, 120)).slice(1, -1));
    const all = frequent.every((t) => inPrompt(t.template));
    console.log(
      `prompt at budget ${budget}: ${p.estimatedTokens} tokens (estimated), ${p.included.templates}/${facts.templates.length} templates, ` +
        `${p.included.examples} examples; all ${frequent.length} templates seen ≥ 5 times included: ${all ? 'yes' : 'NO'} (goal ≤ 2,000 tokens with all of them)`
    );
  }
}
