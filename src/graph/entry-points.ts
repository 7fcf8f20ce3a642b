import type { CodeFunction, ExportFact } from '../code/facts.js';
import type { LambdaResource } from '../iac/resources.js';
import type { EntryPoint, LambdaLink } from './graph.js';

const HTTP_EVENTS = new Set(['api', 'http-api']);

// Without a template, a handler is recognised by the names Lambda code conventionally exports.
const HANDLER_SHAPED = /^(handler|main|lambdaHandler|.+Handler)$/;

interface Linking {
  entryPoints: EntryPoint[];
  lambdaLinks: LambdaLink[];
}

/** Joins each Lambda to the code function its handler names, then adds undeployed handlers. */
export function linkEntryPoints(
  lambdas: LambdaResource[],
  exports: ExportFact[],
  functionsById: Map<string, CodeFunction>,
): Linking {
  const exportsByKey = new Map(exports.map(fact => [`${fact.file}#${fact.name}`, fact]));
  const filesWithExports = new Set(exports.map(fact => fact.file));
  const lambdaLinks = lambdas.map(lambda =>
    linkLambda(lambda, { exportsByKey, filesWithExports, functionsById }),
  );
  const entryPoints = lambdaLinks.flatMap(link => (link.entryPoint ? [link.entryPoint] : []));
  const deployed = new Set(entryPoints.map(entryPoint => entryPoint.codeFunction.id));

  for (const fact of exports) {
    const codeFunction = fact.codeFunction ? functionsById.get(fact.codeFunction) : undefined;
    if (codeFunction && !deployed.has(codeFunction.id) && HANDLER_SHAPED.test(fact.name)) {
      deployed.add(codeFunction.id);
      entryPoints.push(undeployedEntryPoint(codeFunction));
    }
  }

  return { entryPoints, lambdaLinks };
}

interface ExportIndex {
  exportsByKey: Map<string, ExportFact>;
  filesWithExports: Set<string>;
  functionsById: Map<string, CodeFunction>;
}

function linkLambda(lambda: LambdaResource, index: ExportIndex): LambdaLink {
  const handler = lambda.handler;
  if (lambda.providedBy) {
    return { lambda, reason: `its code comes with ${lambda.providedBy}, not from this repository` };
  }

  if (!handler) {
    return { lambda, reason: 'the template names no handler in source code' };
  }

  for (const file of handler.files) {
    const fact = index.exportsByKey.get(`${file}#${handler.exportName}`);
    const codeFunction = fact?.codeFunction
      ? index.functionsById.get(fact.codeFunction)
      : undefined;
    if (codeFunction) {
      const reason = `handler "${handler.text}" names export "${handler.exportName}" of ${file}`;
      return { lambda, file, reason, entryPoint: lambdaEntryPoint(lambda, codeFunction) };
    }
  }

  const file = handler.files.find(candidate => index.filesWithExports.has(candidate));
  const tried = handler.files.length > 0 ? ` (tried ${handler.files.join(', ')})` : '';
  const reason = file
    ? `${file} has no exported code function "${handler.exportName}"`
    : `no source file found for handler "${handler.text}"${tried}`;

  return file ? { lambda, file, reason } : { lambda, reason };
}

function lambdaEntryPoint(lambda: LambdaResource, codeFunction: CodeFunction): EntryPoint {
  const httpEvents = lambda.events.filter(event => HTTP_EVENTS.has(event.type));
  const routes = httpEvents.map(
    event => `${(event.method ?? 'ANY').toUpperCase()} ${event.path ?? '/'}`,
  );

  return {
    codeFunction,
    lambda,
    label: lambda.logicalId,
    location: codeFunction.location,
    servesHttp: httpEvents.length > 0,
    routes,
  };
}

function undeployedEntryPoint(codeFunction: CodeFunction): EntryPoint {
  return {
    codeFunction,
    label: codeFunction.id,
    location: codeFunction.location,
    servesHttp: false,
    routes: [],
  };
}
