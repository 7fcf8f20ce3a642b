import { UserError } from '../errors.js';

export interface Page<T> {
  items: T[];
  total: number;
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** Cuts one page out of `items`; the cursor is the offset, opaque to clients. */
export function paginate<T>(items: T[], limit: number, cursor: string | undefined): Page<T> {
  const offset = cursor === undefined ? 0 : offsetOf(cursor);
  const end = offset + limit;
  const page: Page<T> = { items: items.slice(offset, end), total: items.length };

  return end < items.length ? { ...page, nextCursor: cursorOf(end) } : page;
}

function cursorOf(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function offsetOf(cursor: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match?.[1]) {
    throw new UserError(
      'bad-cursor',
      `Cursor "${cursor}" was not made by this server. Pass the nextCursor of the previous page, or no cursor for the first page.`,
    );
  }

  return Number(match[1]);
}
