import type { Operation, Value } from '../code/facts.js';
import type { EntryPoint, Graph, TableAccess } from '../graph/graph.js';
import { textOf } from '../graph/resolve-target.js';
import type { LambdaResource } from '../iac/resources.js';
import type { Location } from '../location.js';
import type { Finding } from '../rules/finding.js';
import { withSecretsHidden } from '../secret-values.js';
import { callIndexOf, calleesOf } from './call-index.js';
import { templateText } from './template-text.js';

export interface AccessView {
  action: string;
  access: string;
  index?: string;
  keyAttributes: string[];
  location: Location;
  codeFunction: string;
  entryPoint?: string;
}

export interface TableUse {
  table: string;
  /** False when the target stayed an expression; `table` is then its source text. */
  resolved: boolean;
  /** True when no template read defines a table of that name. */
  external: boolean;
  actions: string[];
  accesses: AccessView[];
}

export interface EnvironmentUse {
  name: string;
  /** Named by an operation's target; other reads of the environment are not recorded. */
  readInCode: boolean;
  values: Array<{ lambda: string; value: string; resolvesTo?: string }>;
}

/** What the code paths starting at `startId` do, as the given entry points see them. */
export function operationsFrom(graph: Graph, startId: string): Operation[] {
  const index = callIndexOf(graph);

  return [...calleesOf(graph, startId)].flatMap(id => index.operationsOf.get(id) ?? []);
}

/** Table accesses of the operations, seen from the entry points given (all when none is). */
export function tableUses(
  graph: Graph,
  operations: Operation[],
  entryPoints: EntryPoint[],
): TableUse[] {
  const wanted = new Set(entryPoints);
  const uses = new Map<string, TableUse>();
  for (const operation of operations) {
    const all = graph.accessesOf(operation);
    const seen = all.filter(access => access.entryPoint && wanted.has(access.entryPoint));
    for (const access of seen.length > 0 ? seen : all) {
      addAccess(uses, access);
    }
  }

  return [...uses.values()];
}

function addAccess(uses: Map<string, TableUse>, access: TableAccess): void {
  const { operation, target } = access;
  const table = target.kind === 'unresolved' ? target.text : target.name;
  const key = `${target.kind === 'unresolved' ? 'expression' : 'table'}:${table}`;
  const use = uses.get(key) ?? {
    table,
    resolved: target.kind !== 'unresolved',
    external: target.kind === 'name',
    actions: [],
    accesses: [],
  };
  uses.set(key, use);
  if (!use.actions.includes(operation.action)) {
    use.actions.push(operation.action);
  }
  if (!use.accesses.some(existing => sameAccess(existing, access))) {
    use.accesses.push(accessView(access));
  }
}

function sameAccess(view: AccessView, access: TableAccess): boolean {
  return (
    view.codeFunction === access.operation.codeFunction &&
    view.location.line === access.operation.location.line &&
    view.location.file === access.operation.location.file &&
    view.location.column === access.operation.location.column
  );
}

function accessView(access: TableAccess): AccessView {
  const { operation } = access;

  return {
    action: operation.action,
    access: operation.access,
    ...(operation.indexName ? { index: textOf(operation.indexName) } : {}),
    keyAttributes: operation.keyAttributes,
    location: operation.location,
    codeFunction: operation.codeFunction,
    ...(access.entryPoint ? { entryPoint: access.entryPoint.label } : {}),
  };
}

/**
 * Environment variables the operations name and those the Lambdas set, with their values. A
 * value an operation names as its target is a resource name and is shown; any other literal that
 * looks like a secret is hidden.
 */
export function environmentUses(
  operations: Operation[],
  lambdas: LambdaResource[],
  tableName: (
    lambda: LambdaResource,
    value: LambdaResource['environment'][string],
  ) => string | undefined,
): EnvironmentUse[] {
  const read = new Set(operations.flatMap(operation => envNames(operation.target)));
  const names = [
    ...new Set([...read, ...lambdas.flatMap(lambda => Object.keys(lambda.environment))]),
  ];

  return names.sort().map(name => ({
    name,
    readInCode: read.has(name),
    values: lambdas.flatMap(lambda => {
      const value = lambda.environment[name];
      if (!value) {
        return [];
      }
      const shown = read.has(name) ? value : withSecretsHidden(name, value);
      const resolvesTo = shown === value ? tableName(lambda, value) : undefined;
      return [
        {
          lambda: lambda.logicalId,
          value: templateText(shown),
          ...(resolvesTo ? { resolvesTo } : {}),
        },
      ];
    }),
  }));
}

function envNames(value: Value): string[] {
  switch (value.kind) {
    case 'env':
      return [value.name];
    case 'template':
      return value.parts.flatMap(envNames);
    case 'fallback':
      return value.options.flatMap(envNames);
    default:
      return [];
  }
}

interface FindingIndex {
  /** Findings by the `file:line` of their location and of each related location. */
  byPlace: Map<string, Finding[]>;
  order: Map<Finding, number>;
}

const indexes = new WeakMap<Finding[], FindingIndex>();

// One pass over the findings per graph: a hot partition finding carries a related location per
// code path, and walking those for every match of a many-match answer costs seconds.
function findingIndexOf(findings: Finding[]): FindingIndex {
  const existing = indexes.get(findings);
  if (existing) {
    return existing;
  }

  const index: FindingIndex = { byPlace: new Map(), order: new Map() };
  findings.forEach((finding, position) => {
    index.order.set(finding, position);
    const places = new Set([finding.location, ...finding.related].map(keyOf));
    for (const place of places) {
      const atPlace = index.byPlace.get(place);
      if (atPlace) {
        atPlace.push(finding);
      } else {
        index.byPlace.set(place, [finding]);
      }
    }
  });
  indexes.set(findings, index);

  return index;
}

/** Findings reported at one of the given locations or carrying one as evidence. */
export function findingsAt(findings: Finding[], locations: Location[]): Finding[] {
  const index = findingIndexOf(findings);
  const found = new Set(locations.flatMap(location => index.byPlace.get(keyOf(location)) ?? []));

  return [...found].sort((a, b) => (index.order.get(a) ?? 0) - (index.order.get(b) ?? 0));
}

/**
 * Of the findings at the locations, those on the given code paths: a finding whose evidence
 * names entry points is kept only when one of them is among `entryPoints`.
 */
export function findingsOnPaths(
  graph: Graph,
  findings: Finding[],
  locations: Location[],
  entryPoints: EntryPoint[],
): Finding[] {
  const everyEntry = entryLocationsOf(graph);
  const ours = new Set(entryPoints.map(entryPoint => keyOf(entryPoint.location)));

  return findingsAt(findings, locations).filter(finding => {
    const named = finding.related.map(keyOf).filter(key => everyEntry.has(key));
    return named.length === 0 || named.some(key => ours.has(key));
  });
}

const entryLocations = new WeakMap<Graph, Set<string>>();

function entryLocationsOf(graph: Graph): Set<string> {
  const existing = entryLocations.get(graph);
  if (existing) {
    return existing;
  }

  const keys = new Set(graph.entryPoints.map(entryPoint => keyOf(entryPoint.location)));
  entryLocations.set(graph, keys);

  return keys;
}

function keyOf(location: Location): string {
  return `${location.file}:${location.line}`;
}
