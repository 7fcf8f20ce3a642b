import type { Location } from '../../location.js';
import type { HclObject, HclValue } from './hcl-value.js';
import type { TerraformBlock } from './module-instance.js';
import { attributeLineOf } from './parse-hcl.js';

/**
 * A root module with every module it calls. Its resources share one template key, the root
 * module's folder (`.` at the scanned root), and are identified by their full Terraform address,
 * so a reference from any module of the configuration names the resource's id.
 */
export interface Configuration {
  key: string;
  blocks: TerraformBlock[];
  byAddress: Map<string, TerraformBlock>;
}

export function configurationOf(rootDir: string, blocks: TerraformBlock[]): Configuration {
  const addresses = new Set(blocks.map(block => block.address));
  const known = blocks.map(block => ({
    ...block,
    body: withKnownAddresses(block.body, addresses),
  }));

  return {
    key: rootDir === '' ? '.' : rootDir,
    blocks: known,
    byAddress: new Map(known.map(block => [block.address, block])),
  };
}

// `aws_sqs_queue.jobs["a"]` names an instance of `jobs`; when `for_each` could not be expanded,
// the configuration has only `jobs`, and the reference is to it.
function withKnownAddresses(body: HclObject, addresses: Set<string>): HclObject {
  const entries: HclObject = {};
  for (const [key, value] of Object.entries(body)) {
    entries[key] = knownAddressOf(value, addresses);
  }

  return entries;
}

function knownAddressOf(value: HclValue, addresses: Set<string>): HclValue {
  switch (value.kind) {
    case 'reference': {
      const unkeyed = value.address.replace(/\["[^"]*"\]$/, '');
      const isKnown = addresses.has(value.address) || !addresses.has(unkeyed);
      return isKnown ? value : { ...value, address: unkeyed };
    }
    case 'object':
      return { kind: 'object', entries: withKnownAddresses(value.entries, addresses) };
    case 'tuple':
      return { kind: 'tuple', items: value.items.map(item => knownAddressOf(item, addresses)) };
    case 'join':
      return { kind: 'join', parts: value.parts.map(part => knownAddressOf(part, addresses)) };
    default:
      return value;
  }
}

export function resourcesOfType(configuration: Configuration, type: string): TerraformBlock[] {
  return configuration.blocks.filter(block => block.keyword === 'resource' && block.type === type);
}

export function dataOfType(configuration: Configuration, type: string): TerraformBlock[] {
  return configuration.blocks.filter(block => block.keyword === 'data' && block.type === type);
}

/** Where an argument of the block is written, or the block itself when it is not found. */
export function argumentLocationOf(block: TerraformBlock, name: string): Location {
  const line = attributeLineOf(block.file.source, block.location.line, name);

  return line === undefined ? block.location : { ...block.location, line };
}

/** Locations of the arguments the block sets, under the names CloudFormation gives them. */
export function propertyLocationsOf(
  block: TerraformBlock,
  names: Record<string, string>,
): Record<string, Location> {
  const locations: Record<string, Location> = {};
  for (const [argument, property] of Object.entries(names)) {
    if (argument in block.body) {
      locations[property] = argumentLocationOf(block, argument);
    }
  }

  return locations;
}

export function baseOf(block: TerraformBlock, configuration: Configuration) {
  return {
    id: `${configuration.key}#${block.address}`,
    logicalId: block.address,
    template: configuration.key,
    location: block.location,
  };
}
