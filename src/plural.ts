/** `1 template`, `2 templates`; `many` for nouns that do not just add an s (`1 index`, `2 indexes`). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
