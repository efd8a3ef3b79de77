/**
 * Guards for untrusted JSON (API answers, journal exports, model output, settings): everything from outside is
 * `unknown` until narrowed here, never cast. Pure: runs in the browser, in Node and in Jest.
 */

export type Obj = Record<string, unknown>;

/** A plain JSON object (not null, not an array). */
export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value if it is text. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The value if it is a finite number. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The value if it is an array, else an empty one. */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The text items of a list; anything else is dropped. */
export function strings(v: unknown): string[] {
  return arr(v).filter((x): x is string => typeof x === 'string');
}

/** The objects of a list; anything else is dropped. */
export function objects(v: unknown): Obj[] {
  return arr(v).filter(isObj);
}

/** An own property of an object, never one from its prototype (`__proto__`, `constructor`, getters on it). */
export function own(o: unknown, key: string): unknown {
  return isObj(o) && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** The text-valued entries of an object (labels, annotations); other values are dropped. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'string') {
        out[k] = x;
      }
    }
  }
  return out;
}

/** A map of names to text; other values are turned into text so nothing silently disappears. */
export function textMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) {
    for (const [k, x] of Object.entries(v)) {
      out[k] = typeof x === 'string' ? x : x === null || x === undefined ? '' : JSON.stringify(x);
    }
  }
  return out;
}

/** Parses JSON text; `undefined` when it is not JSON (the caller decides what that means). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
