/**
 * Pushes `items` onto `target` one by one. `target.push(...items)` passes every item as an
 * argument, and past ~125,000 (findings, sources, claims) that overflows the call stack.
 */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
