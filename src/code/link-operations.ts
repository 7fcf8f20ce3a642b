import type { Location } from '../location.js';
import { compareLocations, formatLocation } from '../location.js';
import type { EachLoop, Operation, ResultUse } from './facts.js';
import type { CallSite, SdkSite, Symbolic } from './file-facts.js';
import { inputFields, targetsOf } from './operation-input.js';
import type { ProjectIndex } from './project-index.js';
import { accessOf, CLIENT_METHODS, serviceOf } from './sdk-names.js';
import {
  collectHops,
  defaultParams,
  hasParams,
  mapSymbolic,
  readProperty,
  substituteParams,
  textOf,
  toValue,
  unresolved,
} from './symbolic.js';

/** A call site together with the file it is in. */
interface FileCallSite {
  file: string;
  site: CallSite;
}

/** Where an operation is reported, once wrappers have been followed to their call sites. */
interface Emission {
  file: string;
  codeFunction: string;
  location: Location;
  sdkLocation?: Location;
  sdkCodeFunction?: string;
  inLoop: boolean;
  eachLoop?: EachLoop;
  resultUse: ResultUse;
  input: Symbolic;
}

const MAX_WRAPPER_DEPTH = 2;

/** Method calls on imported bindings that turn out to be clients made in another module. */
function importedClientSites(index: ProjectIndex, file: string): SdkSite[] {
  const facts = index.files.get(file)!;

  return facts.importedClientCalls.flatMap(call => {
    const binding = index.importBinding(call.receiver);
    const client =
      binding && binding.path.length === 0
        ? index.files.get(binding.file)?.clients[binding.local]
        : undefined;
    const action = client ? CLIENT_METHODS[client].get(call.method) : undefined;
    if (!action) {
      return [];
    }
    const { location, codeFunction, inLoop, eachLoop, resultUse, input } = call;
    const place = { location, codeFunction, inLoop, resultUse, ...(eachLoop ? { eachLoop } : {}) };
    return [{ sdkName: call.method, action, viaPaginator: false, input, ...place }];
  });
}

/** Every call site in the project, keyed by the id of the code function it reaches. */
export function callSitesByCallee(index: ProjectIndex): Map<string, FileCallSite[]> {
  const byCallee = new Map<string, FileCallSite[]>();
  for (const [file, facts] of index.files) {
    for (const site of facts.callSites) {
      const id = index.functionOf(file, site.callee);
      if (!id) {
        continue;
      }
      const sites = byCallee.get(id) ?? [];
      sites.push({ file, site });
      byCallee.set(id, sites);
    }
  }

  return byCallee;
}

function constructorsUsed(input: Symbolic, file: string): string[] {
  const names = new Set<string>();
  mapSymbolic(input, leaf => {
    if (leaf.kind === 'param' && leaf.file === file && leaf.codeFunction.endsWith('.constructor')) {
      names.add(leaf.codeFunction);
    }
    return leaf;
  });

  return [...names];
}

/** One input per `new Class(...)` site when the input reads fields the constructor sets. */
function perConstruction(
  input: Symbolic,
  file: string,
  callers: Map<string, FileCallSite[]>,
): Symbolic[] {
  let inputs = [input];
  for (const constructor of constructorsUsed(input, file)) {
    const sites = callers.get(`${file}#${constructor}`) ?? [];
    if (sites.length === 0) {
      continue;
    }
    inputs = inputs.flatMap(current =>
      sites.map(
        ({ site }) =>
          substituteParams(current, file, constructor, site.args) ?? unresolved(textOf(current)),
      ),
    );
  }

  return inputs;
}

const TARGET_FIELDS = [
  'TableName',
  'IndexName',
  'KeyConditionExpression',
  'KeyConditions',
  'ExpressionAttributeNames',
  'FilterExpression',
  'ScanFilter',
  'QueryFilter',
  'Limit',
  'TransactItems',
  'Statement',
  'Statements',
  'QueueUrl',
  'TopicArn',
];

/**
 * The parts of an input that decide the operation's fields. A wrapper whose parameters feed only
 * key values or items (`Key: { id }`) is not followed to its callers: its target is its own.
 */
function decidingParts(input: Symbolic): Symbolic[] {
  if (input.kind !== 'object') {
    return [input];
  }

  const parts = TARGET_FIELDS.flatMap(field => readProperty(input, field) ?? []);
  const requestItems = readProperty(input, 'RequestItems');
  const tableKeys =
    requestItems?.kind === 'object' ? requestItems.entries.map(entry => entry.key) : [];

  return [
    ...parts,
    ...tableKeys,
    ...(requestItems?.kind === 'object' ? [] : requestItems ? [requestItems] : []),
    ...input.spreads,
  ];
}

function isWrapperInput(input: Symbolic, file: string, codeFunction: string): boolean {
  return decidingParts(input).some(part => hasParams(part, file, codeFunction));
}

function perCallSite(
  emission: Emission,
  callers: Map<string, FileCallSite[]>,
  depth: number,
): Emission[] {
  const { file, codeFunction, input } = emission;
  const sites = isWrapperInput(input, file, codeFunction)
    ? (callers.get(`${file}#${codeFunction}`) ?? [])
    : [];
  if (depth >= MAX_WRAPPER_DEPTH || sites.length === 0) {
    return [emission];
  }

  return sites.flatMap(({ file: callerFile, site }) => {
    const substituted =
      substituteParams(input, file, codeFunction, site.args) ?? unresolved(textOf(input));
    const eachLoop = emission.eachLoop ?? site.eachLoop;
    const next: Emission = {
      file: callerFile,
      codeFunction: site.codeFunction,
      location: site.location,
      sdkLocation: emission.sdkLocation ?? emission.location,
      sdkCodeFunction: emission.sdkCodeFunction ?? `${file}#${codeFunction}`,
      inLoop: site.inLoop || emission.inLoop,
      ...(eachLoop ? { eachLoop } : {}),
      resultUse: emission.resultUse === 'returned' ? site.resultUse : emission.resultUse,
      input: substituted,
    };
    return perCallSite(next, callers, depth + 1);
  });
}

function operationsOf(
  site: SdkSite,
  emission: Emission,
  index: ProjectIndex,
): Omit<Operation, 'id'>[] {
  const input = index.linkValue(
    defaultParams(emission.input) ?? unresolved(textOf(emission.input)),
  );
  const fields = inputFields(site.action, input);

  return targetsOf(site.action, input).map(target => ({
    service: serviceOf(site.action),
    action: site.action,
    access: accessOf(site.action),
    sdkName: site.sdkName,
    target: toValue(target),
    targetText: textOf(target),
    ...fields,
    inLoop: emission.inLoop,
    ...(emission.eachLoop ? { eachLoop: emission.eachLoop } : {}),
    viaPaginator: site.viaPaginator,
    resultUse: emission.resultUse,
    ...(site.batchSize ? { batchSize: site.batchSize } : {}),
    location: emission.location,
    ...(emission.sdkLocation ? { sdkLocation: emission.sdkLocation } : {}),
    codeFunction: `${emission.file}#${emission.codeFunction}`,
    ...(emission.sdkCodeFunction ? { sdkCodeFunction: emission.sdkCodeFunction } : {}),
    hops: collectHops(target),
  }));
}

/** Operations at one location get ids `file:line:column`, then `#2`, `#3` for the others. */
function withIds(operations: Omit<Operation, 'id'>[]): Operation[] {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  // The sort is stable, so operations at one location keep source order (first table first).
  const sorted = [...operations].sort((a, b) => compareLocations(a.location, b.location));

  return sorted.flatMap(operation => {
    const key = JSON.stringify(operation);
    if (seen.has(key)) {
      return [];
    }
    seen.add(key);
    const base = formatLocation(operation.location);
    const count = (counts.get(base) ?? 0) + 1;
    counts.set(base, count);
    return [{ id: count === 1 ? base : `${base}#${count}`, ...operation }];
  });
}

/** Turns every file's SDK sites into operations, following clients, wrappers and constructors. */
export function linkOperations(
  index: ProjectIndex,
  callers: Map<string, FileCallSite[]>,
): Operation[] {
  const operations: Omit<Operation, 'id'>[] = [];
  for (const [file, facts] of index.files) {
    for (const site of [...facts.sdkSites, ...importedClientSites(index, file)]) {
      for (const input of perConstruction(site.input, file, callers)) {
        const start: Emission = {
          file,
          codeFunction: site.codeFunction,
          location: site.location,
          inLoop: site.inLoop,
          ...(site.eachLoop ? { eachLoop: site.eachLoop } : {}),
          resultUse: site.resultUse,
          input,
        };
        for (const emission of perCallSite(start, callers, 0)) {
          operations.push(...operationsOf(site, emission, index));
        }
      }
    }
  }

  return withIds(operations);
}
