/** A sample of Prometheus' text exposition format: metric name, labels and value. */
export interface ExpositionSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses text exposition (0.0.4) into samples and the declared type of each family; throws on a line it cannot read. */
export function parseExposition(text: string): { samples: ExpositionSample[]; types: Record<string, string> } {
  const samples: ExpositionSample[] = [];
  const types: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('# HELP')) {
      continue;
    }
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) {
      types[type[1]] = type[2];
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) {
      throw new Error(`unreadable exposition line: ${line}`);
    }
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) {
      labels[l[1]] = l[2].replace(/\\(.)/g, (_x, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: m[1], labels, value: m[3] === '+Inf' ? Infinity : Number(m[3]) });
  }
  return { samples, types };
}

/** The samples of one metric name. */
export function samplesOf(samples: ExpositionSample[], name: string): ExpositionSample[] {
  return samples.filter((s) => s.name === name);
}
