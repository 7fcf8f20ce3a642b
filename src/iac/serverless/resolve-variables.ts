import { posix } from 'node:path';
import type { Location } from '../../location.js';
import type { ScalarNode, TemplateNode } from '../template-node.js';
import {
  isUnresolvedNode,
  joinNode,
  nodeAtPath,
  scalarNode,
  unresolvedNode,
} from './serverless-node.js';
import type { VariableAddress } from './variable-syntax.js';
import { alternativesOf, splitVariables } from './variable-syntax.js';

export interface ResolverInput {
  /** The service file's tree as parsed, variables and all. */
  root: TemplateNode;
  /** Service file relative to the scanned root. */
  file: string;
  /** Parses a YAML or JSON file relative to the scanned root; undefined when it cannot. */
  readIncluded: (path: string) => TemplateNode | undefined;
}

// Serverless's own defaults when the service does not set them.
const DEFAULT_STAGE = 'dev';
const DEFAULT_REGION = 'us-east-1';

const INCLUDED_EXTENSIONS = new Set(['.yml', '.yaml', '.json']);

// A found value, `undefined` when the source has no value (the next alternative applies), or an
// unresolved node when the value exists only at deploy time (SSM, CloudFormation outputs).
type Found = TemplateNode | undefined;

/**
 * Replaces Serverless variables in a service tree with what they stand for, as far as the
 * repository decides it. No command-line options are given, so `${opt:...}` takes its default,
 * and the process environment is never read, so `${env:...}` does too: the same repository
 * always reads the same way.
 */
export class VariableResolver {
  private readonly memo = new Map<string, TemplateNode>();
  private readonly resolving = new Set<string>();
  private readonly dir: string;

  constructor(private readonly input: ResolverInput) {
    const dir = posix.dirname(input.file);
    this.dir = dir === '.' ? '' : dir;
  }

  /** The tree with every variable replaced or, when it cannot be, marked unresolved. */
  resolve(node: TemplateNode): TemplateNode {
    switch (node.kind) {
      case 'map':
        return {
          ...node,
          entries: node.entries.map(entry => ({ ...entry, value: this.resolve(entry.value) })),
        };
      case 'list':
        return { ...node, items: node.items.map(item => this.resolve(item)) };
      case 'scalar':
        return typeof node.value === 'string' ? this.resolveString(node, node.value) : node;
    }
  }

  stage(): string {
    return this.settingOf('provider.stage', DEFAULT_STAGE);
  }

  region(): string {
    return this.settingOf('provider.region', DEFAULT_REGION);
  }

  private resolveString(node: ScalarNode, text: string): TemplateNode {
    const parts = splitVariables(text);
    if (!parts.some(part => part.kind === 'variable')) {
      return node;
    }

    const values = parts.map(part =>
      part.kind === 'text'
        ? scalarNode(part.text, node.location)
        : this.variableValue(part.body, node.location),
    );
    const [only] = values;
    if (values.length === 1 && only) {
      return only.kind === 'scalar' ? { ...only, location: node.location, text: node.text } : only;
    }

    const scalars = values.filter((value): value is ScalarNode => value.kind === 'scalar');

    return scalars.length === values.length
      ? scalarNode(scalars.map(value => String(value.value ?? '')).join(''), node.location)
      : joinNode(values, node.location, node.text);
  }

  private variableValue(body: string, location: Location): TemplateNode {
    const value = this.valueOf(body, location);

    return value === undefined || isUnresolvedNode(value)
      ? unresolvedNode(`\${${body}}`, location)
      : value;
  }

  private valueOf(body: string, location: Location): Found {
    const alternatives = alternativesOf(body);
    for (const alternative of alternatives) {
      const value = this.addressValue(alternative, location);
      if (value !== undefined) {
        return value;
      }
    }

    // `${opt:stage}` alone is the stage the service deploys to when no option is given.
    const last = alternatives[alternatives.length - 1];
    if (last?.kind === 'source' && last.source === 'opt' && last.address === 'stage') {
      return scalarNode(this.stage(), location);
    }

    return last?.kind === 'source' && last.source === 'opt' && last.address === 'region'
      ? scalarNode(this.region(), location)
      : undefined;
  }

  private addressValue(alternative: VariableAddress, location: Location): Found {
    if (alternative.kind === 'literal') {
      return scalarNode(alternative.value, location);
    }

    if (alternative.kind === 'nested') {
      return this.valueOf(alternative.body, location);
    }

    const address = this.interpolate(alternative.address, location);
    const parameter =
      alternative.parameter === undefined
        ? undefined
        : this.interpolate(alternative.parameter, location);
    if (address === undefined || (alternative.parameter !== undefined && parameter === undefined)) {
      return unresolvedNode(alternative.address, location);
    }

    return this.sourceValue(alternative.source, address, parameter, location);
  }

  private sourceValue(
    source: string,
    address: string,
    parameter: string | undefined,
    location: Location,
  ): Found {
    switch (source) {
      case 'self':
        return this.selfValue(address, location);
      case 'sls':
        return address === 'stage' ? scalarNode(this.stage(), location) : unknown(location);
      case 'aws':
        return address === 'region' ? scalarNode(this.region(), location) : unknown(location);
      case 'opt':
      case 'env':
        return undefined;
      case 'file':
        return parameter === undefined ? unknown(location) : this.fileValue(parameter, address);
      default:
        return unknown(location);
    }
  }

  // Nested variables inside an address (`custom.${sls:stage}.table`) must come out as text.
  private interpolate(text: string, location: Location): string | undefined {
    let result = '';
    for (const part of splitVariables(text)) {
      const value = part.kind === 'text' ? undefined : this.valueOf(part.body, location);
      if (part.kind === 'text') {
        result += part.text;
      } else if (value?.kind === 'scalar' && value.value !== null) {
        result += String(value.value);
      } else {
        return undefined;
      }
    }

    return result;
  }

  private selfValue(path: string, location: Location): Found {
    const found = this.nodeThroughVariables(this.input.file, this.input.root, path, location);
    if (path === 'provider.stage' && !found) {
      return scalarNode(this.stage(), location);
    }

    if (path === 'provider.region' && !found) {
      return scalarNode(this.region(), location);
    }

    // `service: { name: orders }` is the older way to name the service.
    const named = path === 'service' && found?.kind === 'map' ? nodeAtPath(found, 'name') : found;

    return this.resolvedOnce(`${this.input.file}:${path}`, named, location);
  }

  private fileValue(parameter: string, address: string): Found {
    const path = posix.normalize(posix.join(this.dir, parameter));
    const isInsideRoot = path !== '..' && !path.startsWith('../') && !posix.isAbsolute(path);
    if (!isInsideRoot || !INCLUDED_EXTENSIONS.has(posix.extname(path).toLowerCase())) {
      return undefined;
    }

    const tree = this.input.readIncluded(path);
    const location = { file: path, line: 1, column: 1 };

    const found = tree ? this.nodeThroughVariables(path, tree, address, location) : undefined;

    return this.resolvedOnce(`${path}:${address}`, found, location);
  }

  // `${self:custom.settings.queue}` reaches into `settings: ${file(./settings.json)}`, so a
  // variable met on the way is resolved before the next step.
  private nodeThroughVariables(
    file: string,
    tree: TemplateNode,
    path: string,
    location: Location,
  ): TemplateNode | undefined {
    const segments = path === '' ? [] : path.split('.');
    let current: TemplateNode | undefined = tree;
    for (const [index, segment] of segments.entries()) {
      if (current?.kind === 'scalar' && typeof current.value === 'string') {
        const key = `${file}:${segments.slice(0, index).join('.')}`;
        current = this.resolvedOnce(key, current, location);
      }

      current = nodeAtPath(current, segment);
    }

    return current;
  }

  // Each address resolves once, so values that refer to each other stay linear, and a value
  // that refers back to itself is unresolved rather than followed forever.
  private resolvedOnce(key: string, node: TemplateNode | undefined, location: Location): Found {
    if (!node || (node.kind === 'scalar' && node.value === null)) {
      return undefined;
    }

    const known = this.memo.get(key);
    if (known) {
      return known;
    }

    if (this.resolving.has(key)) {
      return unknown(location);
    }

    this.resolving.add(key);
    const value = this.resolve(node);
    this.resolving.delete(key);
    this.memo.set(key, value);

    return value;
  }

  private settingOf(path: string, fallback: string): string {
    const key = `setting:${path}`;
    if (this.resolving.has(key)) {
      return fallback;
    }

    this.resolving.add(key);
    const node = nodeAtPath(this.input.root, path);
    const value = node ? this.resolve(node) : undefined;
    this.resolving.delete(key);

    return value?.kind === 'scalar' && value.value !== null && value.value !== ''
      ? String(value.value)
      : fallback;
  }
}

function unknown(location: Location): TemplateNode {
  return unresolvedNode('', location);
}
