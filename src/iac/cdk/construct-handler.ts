import { posix } from 'node:path';
import type { Expression } from 'oxc-parser';
import { memberPath } from '../../code/ast.js';
import { handlerRefOf } from '../handler-files.js';
import type { HandlerRef } from '../resources.js';
import { propOf, runtimeOf } from './construct-props.js';
import type { CdkSource, ConstructFact } from './parse-cdk-source.js';
import { staticPathOf, staticStringOf } from './static-values.js';

const NODEJS_FUNCTION = 'NodejsFunction';

// The order NodejsFunction itself tries when it looks for a default entry.
const DEFAULT_ENTRY_EXTENSIONS = ['.ts', '.js', '.mjs', '.mts', '.cts', '.cjs'];

/** Whether a construct is a Lambda function the readers know how to link to its code. */
export function isFunctionConstruct(construct: ConstructFact): boolean {
  return (
    (construct.module === 'aws-lambda-nodejs' && construct.className === NODEJS_FUNCTION) ||
    (construct.module === 'aws-lambda' && construct.className === 'Function')
  );
}

/**
 * The source file and export a function construct names: `entry` and `handler` of a
 * NodejsFunction, `Code.fromAsset(dir)` and `handler` of a plain Function. Root is the
 * scanned folder, absolute; the files come back relative to it.
 */
export function handlerOfConstruct(
  construct: ConstructFact,
  source: CdkSource,
  root: string,
): HandlerRef | undefined {
  return construct.className === NODEJS_FUNCTION
    ? nodejsHandlerOf(construct, source, root)
    : assetHandlerOf(construct, source, root);
}

function nodejsHandlerOf(
  construct: ConstructFact,
  source: CdkSource,
  root: string,
): HandlerRef | undefined {
  const entryNode = propOf(construct.props, 'entry', source.scope.constants);
  const handlerNode = propOf(construct.props, 'handler', source.scope.constants);
  const exportName = handlerNode ? staticStringOf(handlerNode, source.scope) : 'handler';
  if (exportName === undefined) {
    return undefined;
  }

  const files = entryNode ? entryFilesOf(entryNode, source, root) : defaultEntriesOf(construct);
  if (files.length === 0) {
    return undefined;
  }

  // NodejsFunction takes the export name alone; a dotted one names a nested property.
  const name = exportName.includes('.')
    ? exportName.slice(exportName.lastIndexOf('.') + 1)
    : exportName;

  return { files, exportName: name, text: exportName };
}

function entryFilesOf(entry: Expression, source: CdkSource, root: string): string[] {
  const file = staticPathOf(entry, source.scope, root);
  if (file === undefined) {
    return [];
  }

  return posix.extname(file) === ''
    ? DEFAULT_ENTRY_EXTENSIONS.map(extension => file + extension)
    : [file];
}

// Without `entry`, NodejsFunction looks next to the defining file for `<stem>.<id>.ts`.
function defaultEntriesOf(construct: ConstructFact): string[] {
  const extension = posix.extname(construct.file);
  const stem = construct.file.slice(0, construct.file.length - extension.length);

  return DEFAULT_ENTRY_EXTENSIONS.map(candidate => `${stem}.${construct.id}${candidate}`);
}

function assetHandlerOf(
  construct: ConstructFact,
  source: CdkSource,
  root: string,
): HandlerRef | undefined {
  const handler = staticStringOf(
    propOf(construct.props, 'handler', source.scope.constants),
    source.scope,
  );
  const code = propOf(construct.props, 'code', source.scope.constants);
  if (handler === undefined || code?.type !== 'CallExpression') {
    return undefined;
  }

  const loader = memberPath(code.callee)?.at(-1);
  const runtime = runtimeOf(propOf(construct.props, 'runtime', source.scope.constants));
  const common = { templateDir: '', handler, entryPoints: [] };
  if (loader === 'fromInline') {
    return handlerRefOf({ ...common, isInline: true });
  }

  const folder =
    loader === 'fromAsset' ? staticPathOf(code.arguments[0], source.scope, root) : undefined;
  if (folder === undefined) {
    return undefined;
  }

  return handlerRefOf({
    ...common,
    codeUri: folder,
    isInline: false,
    ...(runtime ? { runtime } : {}),
  });
}
