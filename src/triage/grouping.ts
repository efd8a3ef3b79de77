// Grouping accuracy (GA) of Zhu et al., "Tools and Benchmarks for Automated Log Parsing" (ICSE-SEIP 2019), and a
// reader for the loghub `*_structured.csv` files it is measured on. Pure: the bench and tests read the files.

/**
 * GA: a line counts as right when the set of lines the parser grouped it with is exactly the set of lines sharing
 * its ground-truth event; GA = right lines / all lines. `truth[i]` and `predicted[i]` belong to the same line.
 */
export function groupingAccuracy(truth: readonly string[], predicted: ReadonlyArray<string | number>): number {
  if (truth.length !== predicted.length) {
    throw new Error(`groupingAccuracy: ${truth.length} truth labels but ${predicted.length} predictions`);
  }
  if (truth.length === 0) {
    return 1;
  }
  // A predicted group is right when all its lines share one truth event and it holds every line of that event.
  const truthSize = countBy(truth);
  const members = new Map<string | number, { event: string; size: number; pure: boolean }>();
  for (let i = 0; i < truth.length; i++) {
    const g = members.get(predicted[i]);
    if (!g) {
      members.set(predicted[i], { event: truth[i], size: 1, pure: true });
    } else {
      g.size++;
      g.pure = g.pure && g.event === truth[i];
    }
  }
  let right = 0;
  for (const g of members.values()) {
    if (g.pure && truthSize.get(g.event) === g.size) {
      right += g.size;
    }
  }
  return right / truth.length;
}

function countBy(xs: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) {
    m.set(x, (m.get(x) ?? 0) + 1);
  }
  return m;
}

// A field (quoted with `""` inside, or bare), then what ends it: a comma, a line break, or the end of the text.
const CSV_FIELD = /(?:"((?:[^"]|"")*)"|([^,\r\n"]*))(,|\r?\n|$)/y;

/** One CSV record per row (RFC 4180: quoted fields, `""` for a quote, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  CSV_FIELD.lastIndex = 0;
  while (CSV_FIELD.lastIndex < text.length) {
    const at = CSV_FIELD.lastIndex;
    const m = CSV_FIELD.exec(text);
    if (!m) {
      // A stray quote inside a bare field: keep the rest of the text as that field.
      row.push(text.slice(at));
      break;
    }
    row.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
    if (m[3] !== ',') {
      rows.push(row);
      row = [];
    }
  }
  if (row.length > 0) {
    rows.push(row);
  }
  return rows;
}

export interface StructuredLog {
  contents: string[];
  events: string[];
}

/** The `Content` and `EventId` columns of a loghub structured CSV, in file order. */
export function readStructuredCsv(text: string): StructuredLog {
  const rows = parseCsv(text);
  const header = rows[0] ?? [];
  const content = header.indexOf('Content');
  const event = header.indexOf('EventId');
  if (content < 0 || event < 0) {
    throw new Error('not a loghub structured CSV: the header needs Content and EventId columns');
  }
  const body = rows.slice(1).filter((r) => r.length > 1 || r[0] !== '');
  return { contents: body.map((r) => r[content] ?? ''), events: body.map((r) => r[event] ?? '') };
}
