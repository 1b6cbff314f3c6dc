/** `text` without trailing line feeds and carriage returns. */
export function trimLineEnd(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) {
    end -= 1;
  }
  return end === text.length ? text : text.slice(0, end);
}
