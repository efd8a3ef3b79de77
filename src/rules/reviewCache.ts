/**
 * What one review remembers while it runs: parsed expressions, verdicts on texts that repeat across rules (action
 * texts, review dates, annotation names). The engine makes one per review and drops it afterwards, so nothing
 * outlives a review unless a caller hands the same cache to the next one (the page does, for re-renders).
 */
export class ReviewCache {
  private readonly tables = new Map<string, Map<unknown, unknown>>();
  private readonly perObject = new Map<string, WeakMap<object, unknown>>();

  constructor(private readonly maxEntries = 20_000) {}

  /** The value for `key` in table `table`, computed once. Tables are bounded: a full one starts over. */
  memo<K, V>(table: string, key: K, compute: (key: K) => V): V {
    let t = this.tables.get(table);
    if (!t) {
      t = new Map();
      this.tables.set(table, t);
    }
    // One lookup on the hot path; `has` only for a stored undefined.
    const hit = t.get(key);
    if (hit !== undefined || t.has(key)) {
      return hit as V;
    }
    const value = compute(key);
    if (t.size >= this.maxEntries) {
      t.clear();
    }
    t.set(key, value);
    return value;
  }

  /** Like `memo`, keyed by an object (a rule, the settings) and forgotten with it. */
  memoFor<K extends object, V>(table: string, key: K, compute: (key: K) => V): V {
    let t = this.perObject.get(table);
    if (!t) {
      t = new WeakMap();
      this.perObject.set(table, t);
    }
    const hit = t.get(key);
    if (hit !== undefined || t.has(key)) {
      return hit as V;
    }
    const value = compute(key);
    t.set(key, value);
    return value;
  }
}
