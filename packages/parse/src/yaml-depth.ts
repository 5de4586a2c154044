import { type CST, Parser } from 'yaml';

/*
 * The yaml package composes documents by recursion: thousands of levels overflow the stack, or
 * worse, abort V8 inside a regular expression, which no try/catch survives. Its tokenizer and
 * CST parser do not recurse, so the depth is measured on the CST first. Front matter (here) and
 * YAML registries (@citecheck/registry) both check it before composing.
 */

/** The offset of the first CST token nested deeper than `max` collections, or -1; iterative. */
export function yamlNestingBeyond(text: string, max: number): number {
  const stack: { token: CST.Token | undefined; depth: number }[] = [];
  let first = -1;
  for (const token of new Parser().parse(text)) stack.push({ token, depth: 0 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as { token: CST.Token | undefined; depth: number };
    if (token === undefined) continue;
    if (depth > max) {
      if (first === -1 || token.offset < first) first = token.offset;
      continue;
    }
    if (token.type === 'document') stack.push({ token: token.value, depth });
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      for (const item of token.items) {
        if ('key' in item && item.key) stack.push({ token: item.key, depth: depth + 1 });
        if ('value' in item && item.value) stack.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return first;
}
