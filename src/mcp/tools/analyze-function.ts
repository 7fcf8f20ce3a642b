import { z } from 'zod';
import type { CodeFunction, Operation } from '../../code/facts.js';
import { UserError } from '../../errors.js';
import type { EntryPoint, Graph } from '../../graph/graph.js';
import type { LambdaResource, TemplateValue } from '../../iac/resources.js';
import type { Location } from '../../location.js';
import { formatLocation } from '../../location.js';
import type { Finding } from '../../rules/finding.js';
import type { Snapshot } from '../analysis-store.js';
import { entryPointsReachingFunction } from '../call-index.js';
import { environmentUses, findingsOnPaths, operationsFrom, tableUses } from '../code-path-view.js';
import { EVENT_SHAPES } from '../event-shapes.js';
import { repositoryPath } from '../repository-path.js';
import { findingSchema, locationSchema } from '../schemas.js';
import { templateText } from '../template-text.js';
import { defineTool } from '../tool.js';

const MISSING_PERMISSION = 'iam/missing-permission';

const matchSchema = z.object({
  kind: z.enum(['lambda', 'code-function']),
  name: z.string(),
  location: locationSchema,
  lambdas: z.array(z.string()).describe('logical ids of the Lambdas whose code paths reach it'),
  codeFunction: z
    .object({ id: z.string(), file: z.string(), name: z.string(), location: locationSchema })
    .optional()
    .describe('absent for a Lambda whose handler names no code function infrawise found'),
  unlinkedReason: z.string().optional(),
  tables: z.array(
    z.object({
      table: z.string(),
      resolved: z.boolean(),
      external: z.boolean(),
      actions: z.array(z.string()),
      accesses: z.array(
        z.object({
          action: z.string(),
          access: z.string(),
          index: z.string().optional(),
          keyAttributes: z.array(z.string()),
          location: locationSchema,
          codeFunction: z.string(),
          entryPoint: z.string().optional(),
        }),
      ),
    }),
  ),
  eventSources: z.array(
    z.object({
      lambda: z.string(),
      name: z.string(),
      type: z.string(),
      source: z.string().optional(),
      route: z.string().optional(),
      batchSize: z.number().optional(),
      eventShape: z.string(),
      location: locationSchema,
    }),
  ),
  publishes: z
    .array(z.object({ service: z.string(), target: z.string(), location: locationSchema }))
    .describe('queues and topics it publishes to'),
  environment: z.array(
    z.object({
      name: z.string(),
      readInCode: z.boolean(),
      values: z.array(
        z.object({ lambda: z.string(), value: z.string(), resolvesTo: z.string().optional() }),
      ),
    }),
  ),
  missingPermissions: z.array(z.object({ message: z.string(), location: locationSchema })),
  findings: z.array(findingSchema),
});

type Match = z.infer<typeof matchSchema>;

interface Start {
  kind: Match['kind'];
  name: string;
  location: Location;
  codeFunction?: CodeFunction;
  lambda?: LambdaResource;
  unlinkedReason?: string;
}

export const analyzeFunction = defineTool({
  name: 'analyze_function',
  title: 'Analyse a Lambda or code function',
  description:
    'For a Lambda (logical id or function name), a code function name, or a file (and export): the tables it reads and writes with actions, indexes and key attributes, the event sources that trigger it and the event shape each delivers, the environment variables it reads, missing permissions and the findings on its code paths. Every same-named match is returned.',
  inputSchema: {
    name: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Lambda logical id or function name, or code function name (`handler`, `setStatus`)',
      ),
    file: z.string().min(1).optional().describe('source file, relative to the repository root'),
    export: z.string().min(1).optional().describe('export of `file`, such as `handler`'),
  },
  outputSchema: { matches: z.array(matchSchema) },
  run(input, snapshot) {
    if (!input.name && !input.file) {
      throw new UserError(
        'no-function',
        'analyze_function needs "name" or "file". Give a Lambda or code function name, or a file (and export).',
      );
    }

    const starts = findStarts(snapshot, input);
    if (starts.length === 0) {
      throw new UserError(
        'unknown-function',
        `No Lambda or code function matches ${describeInput(input)}. Call get_graph_summary with kind "lambda" or "code-function" to list the names.`,
      );
    }

    const matches = starts.map(start => describeStart(snapshot, start));

    return { structured: { matches }, text: matches.map(renderMatch).join('\n\n') };
  },
});

function describeInput(input: { name?: string; file?: string; export?: string }): string {
  return [
    input.name ? `name "${input.name}"` : '',
    input.file ? `file "${input.file}"` : '',
    input.export ? `export "${input.export}"` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function findStarts(
  snapshot: Snapshot,
  input: { name?: string; file?: string; export?: string },
): Start[] {
  const { graph, root } = snapshot.analysis;
  const file = input.file === undefined ? undefined : repositoryPath(root, input.file);
  const lambdas = input.name && !file ? lambdaStarts(graph, input.name) : [];
  const exported = file && input.export ? exportedIds(graph, file, input.export) : undefined;
  const functions = graph.functions.filter(
    codeFunction =>
      (!file || codeFunction.file === file) &&
      (!input.name || isNamed(codeFunction, input.name)) &&
      (!exported || exported.has(codeFunction.id)),
  );
  const linked = new Set(
    lambdas.flatMap(start => (start.codeFunction ? [start.codeFunction.id] : [])),
  );

  return [
    ...lambdas,
    ...functions.filter(codeFunction => !linked.has(codeFunction.id)).map(functionStart),
  ];
}

function lambdaStarts(graph: Graph, name: string): Start[] {
  return graph.lambdaLinks
    .filter(link => link.lambda.logicalId === name || link.lambda.functionName === name)
    .map(link => ({
      kind: 'lambda' as const,
      name: link.lambda.logicalId,
      location: link.lambda.location,
      lambda: link.lambda,
      ...(link.entryPoint
        ? { codeFunction: link.entryPoint.codeFunction }
        : { unlinkedReason: link.reason }),
    }));
}

function exportedIds(graph: Graph, file: string, name: string): Set<string> {
  return new Set(
    graph.exports.flatMap(fact =>
      fact.file === file && fact.name === name && fact.codeFunction ? [fact.codeFunction] : [],
    ),
  );
}

function isNamed(codeFunction: CodeFunction, name: string): boolean {
  return codeFunction.name === name || codeFunction.name.endsWith(`.${name}`);
}

function functionStart(codeFunction: CodeFunction): Start {
  return {
    kind: 'code-function',
    name: codeFunction.name,
    location: codeFunction.location,
    codeFunction,
  };
}

function describeStart(snapshot: Snapshot, start: Start): Match {
  const { graph, findings } = snapshot.analysis;
  const entryPoints = entryPointsOf(graph, start);
  const lambdas = start.lambda ? [start.lambda] : distinctLambdas(entryPoints);
  const operations = start.codeFunction ? operationsFrom(graph, start.codeFunction.id) : [];
  const locations = [
    ...operations.flatMap(operation => [
      operation.location,
      ...(operation.sdkLocation ? [operation.sdkLocation] : []),
    ]),
    ...lambdas.flatMap(lambda => [lambda.location, ...lambda.events.map(event => event.location)]),
  ];
  const onPaths = findingsOnPaths(graph, findings, locations, entryPoints);

  return {
    kind: start.kind,
    name: start.name,
    location: start.location,
    lambdas: lambdas.map(lambda => lambda.logicalId),
    ...(start.codeFunction ? { codeFunction: codeFunctionView(start.codeFunction) } : {}),
    ...(start.unlinkedReason ? { unlinkedReason: start.unlinkedReason } : {}),
    tables: tableUses(graph, operations, entryPoints),
    eventSources: lambdas.flatMap(eventSourcesOf),
    publishes: publishesOf(graph, operations, entryPoints),
    environment: environmentUses(operations, lambdas, (lambda, value) =>
      tableNameOf(graph, lambda, value),
    ),
    missingPermissions: permissionsLacking(onPaths),
    findings: onPaths,
  };
}

/** The queues and topics the operations send to, as the given entry points see them. */
function publishesOf(graph: Graph, operations: Operation[], entryPoints: EntryPoint[]) {
  const wanted = new Set(entryPoints);
  const views = new Map<string, { service: string; target: string; location: Location }>();
  for (const operation of operations) {
    const all = graph.publishesOf(operation);
    const seen = all.filter(publish => publish.entryPoint && wanted.has(publish.entryPoint));
    for (const { target } of seen.length > 0 ? seen : all) {
      const name = target.kind === 'unresolved' ? target.text : target.name;
      const view = { service: operation.service, target: name, location: operation.location };
      views.set(`${name}|${formatLocation(operation.location)}`, view);
    }
  }

  return [...views.values()];
}

function entryPointsOf(graph: Graph, start: Start): EntryPoint[] {
  if (start.lambda) {
    return graph.entryPoints.filter(entryPoint => entryPoint.lambda === start.lambda);
  }

  return start.codeFunction ? entryPointsReachingFunction(graph, start.codeFunction.id) : [];
}

function distinctLambdas(entryPoints: EntryPoint[]): LambdaResource[] {
  return [
    ...new Set(entryPoints.flatMap(entryPoint => (entryPoint.lambda ? [entryPoint.lambda] : []))),
  ];
}

function codeFunctionView(codeFunction: CodeFunction): NonNullable<Match['codeFunction']> {
  const { id, file, name, location } = codeFunction;

  return { id, file, name, location };
}

function eventSourcesOf(lambda: LambdaResource): Match['eventSources'] {
  return lambda.events.map(event => ({
    lambda: lambda.logicalId,
    name: event.name,
    type: event.type,
    ...(event.source ? { source: templateText(event.source) } : {}),
    ...(event.method || event.path
      ? { route: `${(event.method ?? 'ANY').toUpperCase()} ${event.path ?? '/'}` }
      : {}),
    ...(event.batchSize === undefined ? {} : { batchSize: event.batchSize }),
    eventShape: EVENT_SHAPES[event.type],
    location: event.location,
  }));
}

function tableNameOf(
  graph: Graph,
  lambda: LambdaResource,
  value: TemplateValue,
): string | undefined {
  if (value.kind === 'resource' && value.attribute === undefined) {
    return graph.tables.find(table => table.id === `${lambda.template}#${value.logicalId}`)?.name;
  }

  return value.kind === 'literal' ? value.value : undefined;
}

function permissionsLacking(findings: Finding[]): Match['missingPermissions'] {
  return findings
    .filter(finding => finding.ruleId === MISSING_PERMISSION)
    .map(finding => ({ message: finding.message, location: finding.location }));
}

function renderMatch(match: Match): string {
  const tables = match.tables.map(
    use => `  ${use.resolved ? 'table' : 'unresolved'} ${use.table}: ${use.actions.join(', ')}`,
  );
  const events = match.eventSources.map(
    event =>
      `  triggered by ${event.type} ${event.route ?? event.source ?? event.name}: ${event.eventShape}`,
  );
  const environment = match.environment.map(use => {
    const values = new Set(use.values.map(value => value.resolvesTo ?? value.value));
    return `  env ${use.name} = ${[...values].join(' | ') || '(not set)'}`;
  });
  const findings = match.findings.map(
    finding => `  ${finding.severity} ${formatLocation(finding.location)} ${finding.message}`,
  );

  return [
    `${match.kind} ${match.name} at ${formatLocation(match.location)}${match.lambdas.length > 0 ? ` (Lambdas: ${match.lambdas.join(', ')})` : ''}`,
    ...(match.unlinkedReason ? [`  not linked to code: ${match.unlinkedReason}`] : []),
    ...tables,
    ...events,
    ...environment,
    ...findings,
  ].join('\n');
}
