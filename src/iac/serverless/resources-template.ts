import type { Location } from '../../location.js';
import type { Template } from '../template.js';
import { indexTemplate } from '../template.js';
import type { MapNode, TemplateNode } from '../template-node.js';
import { childAt, isMap, itemsOf, mapAt } from '../template-node.js';
import { isUnresolvedNode, mergedMap, scalarNode } from './serverless-node.js';

/**
 * The service's `resources` as one CloudFormation template named after the service file, so
 * the template reader reads its tables, queues and topics, and a function's `!Ref OrdersTable`
 * finds them under the same template. `resources` may be a map or a list of maps (usually
 * `${file(...)}` includes); each `Resources` entry keeps the location of the file it came from.
 */
export function resourcesTemplateOf(file: string, root: TemplateNode): Template {
  const location: Location = { file, line: 1, column: 1 };
  const blocks = itemsOf(childAt(root, 'resources')).filter(
    (block): block is MapNode => isMap(block) && !isUnresolvedNode(block),
  );
  const resources = blocks.flatMap(block => {
    const map = mapAt(block, 'Resources');
    return map && !isUnresolvedNode(map) ? [map] : [];
  });
  const templateRoot: MapNode = {
    kind: 'map',
    entries: [
      {
        key: 'AWSTemplateFormatVersion',
        keyLocation: location,
        value: scalarNode('2010-09-09', location),
      },
      { key: 'Resources', keyLocation: location, value: mergedMap(resources, location) },
    ],
    location,
    text: '',
  };

  // A root with AWSTemplateFormatVersion always indexes.
  return indexTemplate(file, templateRoot) as Template;
}
