import type { Location } from '../../location.js';
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
  return {
    key: rootDir === '' ? '.' : rootDir,
    blocks,
    byAddress: new Map(blocks.map(block => [block.address, block])),
  };
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
