import { z } from 'zod';
import type { CodeFunction, EachLoop, Operation } from '../../code/facts.js';
import type { Graph } from '../../graph/graph.js';
import { describeTarget, relatedEntryPoints } from '../../graph/code-paths.js';
import type { Location } from '../../location.js';
import type { RawFinding } from '../finding.js';
import { defineRule } from '../rule.js';

const SINGLE_ITEM_ACTIONS = new Set(['get', 'put', 'update', 'delete', 'query']);

const options = z.strictObject({
  helperDepth: z.number().int().min(0).default(3),
});

type Options = z.output<typeof options>;

export const callInLoop = defineRule({
  id: 'dynamodb/call-in-loop',
  severity: 'medium',
  description:
    'Reports a single-item DynamoDB operation that runs once per element of a loop or a map/forEach callback, directly or through a helper called there.',
  docs: {
    rationale:
      'One request per element turns 100 items into 100 round trips: run time grows with the input until the Lambda times out, and a parallel fan-out fires them all at once and gets throttled. BatchGetItem takes 100 keys and BatchWriteItem 25 writes per request.',
    example:
      'for (const id of event.productIds) {\n  await ddb.send(new GetCommand({ TableName: PRODUCTS, Key: { productId: id } }));\n}',
    fix: 'Collect the keys and send one BatchGetItem per 100 keys (BatchWriteItem per 25 writes), or read the items with one Query on a shared partition key.',
    options: [
      {
        name: 'helperDepth',
        default: 3,
        description:
          'How many calls deep an operation may sit below the call made in the loop and still be reported.',
      },
    ],
    limitations: [
      '`while` and `do` loops are not reported: they mostly retry or page, and have no element to batch by.',
      'Every `for` loop counts as one pass per element, including one that counts retries.',
      'Batch and transaction operations, and scans, are never reported: one of them per chunk is the intended pattern.',
    ],
  },

  options,

  check(graph, settings) {
    const callers = loopCallersOf(graph);
    const operations = graph.operations.filter(operation =>
      SINGLE_ITEM_ACTIONS.has(operation.action),
    );

    return operations.flatMap(operation =>
      operation.eachLoop
        ? [findingFor(graph, operation, operation.location, operation.eachLoop)]
        : helperFindings(graph, operation, callers, settings),
    );
  },
});

interface LoopCaller {
  caller: CodeFunction;
  location: Location;
  loop: EachLoop;
}

/** Who calls each code function, and for calls made once per element, where. */
function loopCallersOf(graph: Graph): Map<string, Array<LoopCaller | { caller: CodeFunction }>> {
  const byCallee = new Map<string, Array<LoopCaller | { caller: CodeFunction }>>();
  const add = (callee: string, entry: LoopCaller | { caller: CodeFunction }) =>
    byCallee.set(callee, [...(byCallee.get(callee) ?? []), entry]);
  for (const caller of graph.functions) {
    const inLoop = new Set(caller.loopCalls?.map(call => call.callee));
    for (const call of caller.loopCalls ?? []) {
      add(call.callee, { caller, location: call.location, loop: call.loop });
    }
    for (const callee of caller.calls.filter(id => !inLoop.has(id))) {
      add(callee, { caller });
    }
  }

  return byCallee;
}

function helperFindings(
  graph: Graph,
  operation: Operation,
  callers: Map<string, Array<LoopCaller | { caller: CodeFunction }>>,
  settings: Options,
): RawFinding[] {
  const found = new Map<string, LoopCaller>();
  const seen = new Set([operation.codeFunction]);
  let frontier = [operation.codeFunction];
  for (let depth = 0; depth < settings.helperDepth && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const entry of frontier.flatMap(id => callers.get(id) ?? [])) {
      if ('loop' in entry) {
        found.set(`${entry.location.file}:${entry.location.line}`, entry);
      } else if (!seen.has(entry.caller.id)) {
        seen.add(entry.caller.id);
        next.push(entry.caller.id);
      }
    }
    frontier = next;
  }

  return [...found.values()].map(entry =>
    findingFor(graph, operation, entry.location, entry.loop, entry.caller),
  );
}

function findingFor(
  graph: Graph,
  operation: Operation,
  location: Location,
  loop: EachLoop,
  caller?: CodeFunction,
): RawFinding {
  const target = describeTarget(graph.accessesOf(operation), operation);
  const action = capitalised(operation.action);
  const how = loop.parallel ? 'side by side, once per element of' : 'once per element of';
  const loopText = `the loop at line ${loop.location.line}`;
  const through = caller ? ` through the call in ${caller.name}` : '';
  const batch =
    operation.action === 'get'
      ? 'BatchGetItem (100 keys a request)'
      : 'BatchWriteItem (25 writes a request)';
  const better = operation.action === 'query' ? 'one Query over a shared partition key' : batch;

  return {
    message: `${action} on ${target} runs ${how} ${loopText}${through}: one request per element.`,
    location,
    related: [
      ...(caller ? [{ ...operation.location, label: `${operation.action} operation` }] : []),
      ...relatedEntryPoints(graph.entryPointsReaching(operation)),
    ],
    recommendation: `Collect the keys and use ${better} instead of a request per element.`,
    subject: `${target}|${operation.codeFunction}|${operation.action}|${caller?.id ?? ''}`,
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
