import type { Location } from '../location.js';
import type { TemplateValue } from './resources.js';
import { stringOf, templateValueOf } from './intrinsics.js';
import type { Template, TemplateResource } from './template.js';
import type { MapNode } from './template-node.js';
import { childAt } from './template-node.js';

export interface ResourceName {
  name: string;
  nameIsLogicalId: boolean;
  /** The name property as the template wrote it, when it did. */
  nameValue?: TemplateValue;
}

/**
 * The physical name from a property such as `TableName`, when the template alone decides it:
 * a literal, a parameter default, or a `!Sub` of those. Otherwise the logical id stands in.
 */
export function resourceNameOf(
  resource: TemplateResource,
  property: string,
  template: Template,
): ResourceName {
  const node = childAt(resource.properties, property);
  if (!node) {
    return { name: resource.logicalId, nameIsLogicalId: true };
  }

  const nameValue = templateValueOf(node, template);
  const name = stringOf(nameValue);

  return name === undefined || name === ''
    ? { name: resource.logicalId, nameIsLogicalId: true, nameValue }
    : { name, nameIsLogicalId: false, nameValue };
}

/** The `${template}#${logicalId}` id shared by every resource kind. */
export function resourceIdOf(template: Template, logicalId: string): string {
  return `${template.file}#${logicalId}`;
}

export function propertyLocationsOf(properties: MapNode | undefined): Record<string, Location> {
  return Object.fromEntries(
    (properties?.entries ?? []).map(entry => [entry.key, entry.keyLocation]),
  );
}
