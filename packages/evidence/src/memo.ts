/**
 * A string function remembered for the texts it saw last: claims are matched against several
 * source sets, and words recur across a corpus. The table is dropped when full, so memory
 * stays bounded however much text passes through. Results are shared: callers must not mutate them.
 */
export function memoize<T>(fn: (text: string) => T, limit = 10_000): (text: string) => T {
  let table = new Map<string, T>();
  return (text) => {
    let value = table.get(text);
    if (value === undefined) {
      value = fn(text);
      if (table.size >= limit) table = new Map();
      table.set(text, value);
    }
    return value;
  };
}
