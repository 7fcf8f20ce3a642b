import type { PolicyStatement, TemplateValue } from './resources.js';
import type { Template, TemplateResource } from './template.js';
import type { TemplateNode } from './template-node.js';
import { childAt, itemsOf, mapAt, scalarText } from './template-node.js';

const CONNECTOR = 'AWS::Serverless::Connector';

// What a connector grants a source on a destination, as the SAM connector profiles define it.
const DYNAMODB_PERMISSIONS: Record<string, string[]> = {
  Read: [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:Scan',
    'dynamodb:BatchGetItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:PartiQLSelect',
  ],
  Write: [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:PartiQLDelete',
    'dynamodb:PartiQLInsert',
    'dynamodb:PartiQLUpdate',
  ],
};

const TABLE_TYPES = new Set(['AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable']);

/**
 * Statements that SAM connectors give the function `source`: `AWS::Serverless::Connector`
 * resources whose `Source.Id` is the function, and `Connectors` embedded in the function.
 */
export function connectorPoliciesOf(
  source: TemplateResource,
  template: Template,
): PolicyStatement[] {
  const standalone = template.resources
    .filter(resource => resource.type === CONNECTOR)
    .filter(
      resource => scalarText(childAt(resource.properties, 'Source', 'Id')) === source.logicalId,
    )
    .map(resource => ({ properties: resource.properties, location: resource.location }));
  const embedded = (mapAt(source.body, 'Connectors')?.entries ?? []).map(entry => ({
    properties: childAt(entry.value, 'Properties'),
    location: entry.keyLocation,
  }));

  return [...standalone, ...embedded].flatMap(connector =>
    statementsOf(connector.properties, connector.location, template),
  );
}

function statementsOf(
  properties: TemplateNode | undefined,
  location: PolicyStatement['location'],
  template: Template,
): PolicyStatement[] {
  const destinations = childAt(properties, 'Destination');
  const list = destinations?.kind === 'list' ? destinations.items : [destinations];
  const permissions = itemsOf(childAt(properties, 'Permissions')).flatMap(
    node => scalarText(node) ?? [],
  );

  return list.flatMap(destination => {
    const id = scalarText(childAt(destination, 'Id'));
    const type = id ? template.resourcesById.get(id)?.type : undefined;
    // A destination other than a table of this template, or given by ARN, is kept with no
    // actions, so rules treat what it grants as unknown.
    const actions = id && type && TABLE_TYPES.has(type) ? tableActions(permissions) : [];
    return [
      {
        effect: 'Allow',
        actions,
        resources: id ? tableResources(id) : [],
        fromTemplate: CONNECTOR,
        location,
      },
    ];
  });
}

function tableActions(permissions: string[]): string[] {
  return permissions.flatMap(permission => DYNAMODB_PERMISSIONS[permission] ?? []);
}

function tableResources(logicalId: string): TemplateValue[] {
  const arn: TemplateValue = { kind: 'resource', logicalId, attribute: 'Arn' };

  return [arn, { kind: 'join', parts: [arn, { kind: 'literal', value: '/index/*' }] }];
}
