import type { Operation } from '../code/facts.js';
import type { RelatedLocation } from '../location.js';
import type { EntryPoint, TableAccess } from './graph.js';
import { textOf } from './resolve-target.js';

const MAX_LABELS = 3;

/** `ListOrders (GET /orders), CreateOrder and 2 more`, for messages. */
export function entryLabels(entryPoints: EntryPoint[]): string {
  const labels = distinct(entryPoints.map(labelOf));
  const shown = labels.slice(0, MAX_LABELS);
  const more = labels.length - shown.length;
  if (more > 0) {
    return `${shown.join(', ')} and ${more} more`;
  }

  return shown.length > 1
    ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) ?? ''}`
    : (shown[0] ?? '');
}

export function labelOf(entryPoint: EntryPoint): string {
  const routes = entryPoint.routes.length > 0 ? ` (${entryPoint.routes.join(', ')})` : '';

  return `${entryPoint.label}${routes}`;
}

/** One related location per entry point, labelled with the Lambda or code function. */
export function relatedEntryPoints(entryPoints: EntryPoint[]): RelatedLocation[] {
  const byLabel = new Map<string, RelatedLocation>();
  for (const entryPoint of entryPoints) {
    const label = labelOf(entryPoint);
    byLabel.set(label, { ...entryPoint.location, label: `entry point ${label}` });
  }

  return [...byLabel.values()];
}

/** `table "orders"`, `tables "a" and "b"`, or the unresolved source text. */
export function describeTarget(accesses: TableAccess[], operation: Operation): string {
  const names = distinct(
    accesses.flatMap(access => (access.target.kind === 'unresolved' ? [] : [access.target.name])),
  );
  if (names.length === 1) {
    return `table "${names[0] ?? ''}"`;
  }
  if (names.length > 1) {
    return `tables ${names.map(name => `"${name}"`).join(', ')}`;
  }

  return `unresolved table ${textOf(operation.target)}`;
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}
