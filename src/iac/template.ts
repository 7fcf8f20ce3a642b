import { posix } from 'node:path';
import type { Location } from '../location.js';
import type { MapNode, TemplateNode } from './template-node.js';
import { entryOf, isMap, mapAt, scalarText } from './template-node.js';

export interface TemplateResource {
  logicalId: string;
  type: string;
  /** The logical id's key in `Resources`, where a person looks for the resource. */
  location: Location;
  body: MapNode;
  properties: MapNode | undefined;
}

/** One template, parsed and indexed so readers can follow references within it. */
export interface Template {
  /** Path relative to the scanned root, with `/`. */
  file: string;
  /** Folder of the template relative to the root, `''` at the root. */
  dir: string;
  root: MapNode;
  resources: TemplateResource[];
  resourcesById: Map<string, TemplateResource>;
  parameters: Map<string, TemplateParameter>;
  globalFunction: MapNode | undefined;
}

export interface TemplateParameter {
  name: string;
  default?: string;
  location: Location;
}

/** Builds the index of a parsed tree, or undefined when the tree is not a template at all. */
export function indexTemplate(file: string, root: TemplateNode | undefined): Template | undefined {
  if (!isMap(root) || !isTemplateShaped(root)) {
    return undefined;
  }

  const resources = resourcesOf(root);

  return {
    file,
    dir: posix.dirname(file) === '.' ? '' : posix.dirname(file),
    root,
    resources,
    resourcesById: new Map(resources.map(resource => [resource.logicalId, resource])),
    parameters: parametersOf(root),
    globalFunction: mapAt(root, 'Globals', 'Function'),
  };
}

// Recognised by content, never by name: a docker-compose file or a workflow that happens to
// mention `AWS::` has none of these.
function isTemplateShaped(root: MapNode): boolean {
  if (entryOf(root, 'AWSTemplateFormatVersion')) {
    return true;
  }

  const transform = entryOf(root, 'Transform')?.value;
  if (transform && transform.text.includes('AWS::Serverless')) {
    return true;
  }

  const resources = mapAt(root, 'Resources');

  const types = (resources?.entries ?? []).map(entry =>
    scalarText(entryOf(entry.value, 'Type')?.value),
  );

  return (
    types.length > 0 &&
    types.every(type => type !== undefined) &&
    types.some(type => type?.startsWith('AWS::'))
  );
}

function resourcesOf(root: MapNode): TemplateResource[] {
  const resources = mapAt(root, 'Resources')?.entries ?? [];

  return resources.flatMap(entry => {
    const type = scalarText(entryOf(entry.value, 'Type')?.value);
    if (!type || !isMap(entry.value)) {
      return [];
    }

    return [
      {
        logicalId: entry.key,
        type,
        location: entry.keyLocation,
        body: entry.value,
        properties: mapAt(entry.value, 'Properties'),
      },
    ];
  });
}

function parametersOf(root: MapNode): Map<string, TemplateParameter> {
  const parameters = mapAt(root, 'Parameters')?.entries ?? [];

  return new Map(
    parameters.map(entry => {
      const fallback = scalarText(entryOf(entry.value, 'Default')?.value);
      const parameter: TemplateParameter = { name: entry.key, location: entry.keyLocation };
      if (fallback !== undefined) {
        parameter.default = fallback;
      }

      return [entry.key, parameter];
    }),
  );
}
