type Item = { text: string } | { value: unknown };

/**
 * JSON with the keys of every object sorted, so two bodies that differ only in key order (or white space) give the
 * same text. Undefined properties are left out, as JSON.stringify does. Iterative: a body nested deeper than the call
 * stack allows (a 256 kB body can nest 100,000 levels) is written all the same.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // Last in, first out: each container pushes its closing bracket, then its items in reverse.
  const stack: Item[] = [{ value }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const current = item.value;
    if (Array.isArray(current)) {
      stack.push({ text: ']' });
      for (let i = current.length - 1; i >= 0; i--) {
        stack.push({ value: current[i] ?? null });
        if (i > 0) {
          stack.push({ text: ',' });
        }
      }
      stack.push({ text: '[' });
    } else if (typeof current === 'object' && current !== null) {
      const record = current as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      stack.push({ text: '}' });
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({ value: record[keys[i]] });
        stack.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:` });
      }
      stack.push({ text: '{' });
    } else {
      out.push(JSON.stringify(current) ?? 'null');
    }
  }
  return out.join('');
}
