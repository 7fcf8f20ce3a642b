import { compareLocations } from '../location.js';
import type { CodeFunction, CodeScan, ExportFact, LoopCall } from './facts.js';
import type { FileFacts } from './file-facts.js';
import { callSitesByCallee, linkOperations } from './link-operations.js';
import { ProjectIndex } from './project-index.js';
import type { ResolveModule } from './project-index.js';

const MODULE_FUNCTION = '<module>';

/** Calls made once per element of a loop, keyed by the id of the calling code function. */
function loopCallsByCaller(index: ProjectIndex): Map<string, LoopCall[]> {
  const byCaller = new Map<string, LoopCall[]>();
  for (const [file, facts] of index.files) {
    for (const site of facts.callSites) {
      const callee = site.eachLoop ? index.functionOf(file, site.callee) : undefined;
      if (!callee || !site.eachLoop || !index.hasFunction(callee)) {
        continue;
      }
      const caller = `${file}#${site.codeFunction}`;
      const call = { callee, location: site.location, loop: site.eachLoop };
      byCaller.set(caller, [...(byCaller.get(caller) ?? []), call]);
    }
  }

  return byCaller;
}

function linkFunctions(index: ProjectIndex, referenced: Set<string>): CodeFunction[] {
  const functions: CodeFunction[] = [];
  const loopCalls = loopCallsByCaller(index);
  for (const [file, facts] of index.files) {
    for (const fn of facts.functions) {
      const id = `${file}#${fn.name}`;
      const calls = [...new Set(fn.calls.flatMap(ref => index.functionOf(file, ref) ?? []))]
        .filter(call => index.hasFunction(call))
        .sort();
      if (fn.name === MODULE_FUNCTION && calls.length === 0 && !referenced.has(id)) {
        continue;
      }
      const batchResponse = fn.returnsBatchItemFailures ? { returnsBatchItemFailures: true } : {};
      const inLoop = loopCalls.get(id);
      functions.push({
        id,
        file,
        name: fn.name,
        location: fn.location,
        calls,
        ...batchResponse,
        ...(inLoop ? { loopCalls: inLoop } : {}),
        ...(fn.responseFields ? { responseFields: fn.responseFields } : {}),
      });
    }
  }

  return functions.sort(
    (a, b) => compareLocations(a.location, b.location) || a.id.localeCompare(b.id),
  );
}

function exportNames(index: ProjectIndex, facts: FileFacts, seen: Set<string>): string[] {
  if (seen.has(facts.file)) {
    return [];
  }
  seen.add(facts.file);

  const own = facts.exports.map(entry => entry.name);
  const starred = facts.starExports.flatMap(source => {
    const target = index.resolve(facts.file, source);
    const targetFacts = target ? index.files.get(target) : undefined;
    return targetFacts
      ? exportNames(index, targetFacts, seen).filter(name => name !== 'default')
      : [];
  });

  return [...new Set([...own, ...starred])];
}

function linkExports(index: ProjectIndex): ExportFact[] {
  const exports: ExportFact[] = [];
  for (const [file, facts] of index.files) {
    const fallbackLocation = { file, line: 1, column: 1 };
    const entries = new Map(facts.exports.map(entry => [entry.name, entry] as const).reverse());
    for (const name of exportNames(index, facts, new Set())) {
      const entry = entries.get(name);
      const binding = index.exportBinding(file, name);
      const codeFunction =
        binding && binding.local !== '*'
          ? index.functionOf(binding.file, {
              kind: 'local',
              name: [binding.local, ...binding.path].join('.'),
            })
          : undefined;
      exports.push({
        file,
        name,
        ...(codeFunction ? { codeFunction } : {}),
        location: entry?.location ?? fallbackLocation,
      });
    }
  }

  return exports.sort(
    (a, b) => compareLocations(a.location, b.location) || a.name.localeCompare(b.name),
  );
}

/** Joins per-file facts into the project's operations, code functions and exports. */
export function linkProject(
  files: FileFacts[],
  resolveModule: ResolveModule,
): Omit<CodeScan, 'sources' | 'filesFound' | 'filesScanned'> {
  const index = new ProjectIndex(
    files.filter(file => file.status === 'ok'),
    resolveModule,
  );
  const callers = callSitesByCallee(index);
  const operations = linkOperations(index, callers);
  const referenced = new Set(operations.map(operation => operation.codeFunction));

  return { functions: linkFunctions(index, referenced), operations, exports: linkExports(index) };
}
