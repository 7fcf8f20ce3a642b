import type { KeyAttribute, TableResource } from '../iac/resources.js';
import type { SourceStatus } from '../source-status.js';

export type DefinitionFormat =
  | 'cloudformation-yaml'
  | 'cloudformation-json'
  | 'cdk-typescript'
  | 'serverless-yaml'
  | 'terraform';

export interface GsiRequest {
  indexName: string;
  partitionKey: KeyAttribute & { type: string };
  sortKey?: KeyAttribute & { type: string };
  provisioned: boolean;
}

/** The format the table's own definition is written in, so the snippet can be pasted beside it. */
export function formatFor(
  table: TableResource,
  kind: SourceStatus['kind'] | undefined,
): DefinitionFormat {
  switch (kind) {
    case 'cdk':
      return 'cdk-typescript';
    case 'serverless':
      return 'serverless-yaml';
    case 'terraform':
      return 'terraform';
    default:
      return table.template.endsWith('.json') ? 'cloudformation-json' : 'cloudformation-yaml';
  }
}

export function gsiDefinition(format: DefinitionFormat, request: GsiRequest): string {
  switch (format) {
    case 'cloudformation-yaml':
    case 'serverless-yaml':
      return yamlDefinition(request);
    case 'cloudformation-json':
      return JSON.stringify(jsonDefinition(request), null, 2);
    case 'cdk-typescript':
      return cdkDefinition(request);
    case 'terraform':
      return terraformDefinition(request);
  }
}

function keys(
  request: GsiRequest,
): Array<KeyAttribute & { type: string; keyType: 'HASH' | 'RANGE' }> {
  return [
    { ...request.partitionKey, keyType: 'HASH' as const },
    ...(request.sortKey ? [{ ...request.sortKey, keyType: 'RANGE' as const }] : []),
  ];
}

function yamlDefinition(request: GsiRequest): string {
  const attributes = keys(request).flatMap(key => [
    `  - AttributeName: ${key.name}`,
    `    AttributeType: ${key.type}`,
  ]);
  const keySchema = keys(request).flatMap(key => [
    `      - AttributeName: ${key.name}`,
    `        KeyType: ${key.keyType}`,
  ]);
  const throughput = request.provisioned
    ? ['    ProvisionedThroughput:', '      ReadCapacityUnits: 5', '      WriteCapacityUnits: 5']
    : [];

  return [
    "# Merge into the table's Properties; add attributes that AttributeDefinitions does not list yet.",
    'AttributeDefinitions:',
    ...attributes,
    'GlobalSecondaryIndexes:',
    `  - IndexName: ${request.indexName}`,
    '    KeySchema:',
    ...keySchema,
    '    Projection:',
    '      ProjectionType: ALL',
    ...throughput,
  ].join('\n');
}

function jsonDefinition(request: GsiRequest): Record<string, unknown> {
  return {
    AttributeDefinitions: keys(request).map(key => ({
      AttributeName: key.name,
      AttributeType: key.type,
    })),
    GlobalSecondaryIndexes: [
      {
        IndexName: request.indexName,
        KeySchema: keys(request).map(key => ({ AttributeName: key.name, KeyType: key.keyType })),
        Projection: { ProjectionType: 'ALL' },
        ...(request.provisioned
          ? { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }
          : {}),
      },
    ],
  };
}

const CDK_TYPES: Record<string, string> = { S: 'STRING', N: 'NUMBER', B: 'BINARY' };

function cdkDefinition(request: GsiRequest): string {
  const attribute = (key: KeyAttribute & { type: string }) =>
    `{ name: '${key.name}', type: dynamodb.AttributeType.${CDK_TYPES[key.type] ?? 'STRING'} }`;

  return [
    'table.addGlobalSecondaryIndex({',
    `  indexName: '${request.indexName}',`,
    `  partitionKey: ${attribute(request.partitionKey)},`,
    ...(request.sortKey ? [`  sortKey: ${attribute(request.sortKey)},`] : []),
    '  projectionType: dynamodb.ProjectionType.ALL,',
    ...(request.provisioned ? ['  readCapacity: 5,', '  writeCapacity: 5,'] : []),
    '});',
  ].join('\n');
}

function terraformDefinition(request: GsiRequest): string {
  const attributes = keys(request).flatMap(key => [
    'attribute {',
    `  name = "${key.name}"`,
    `  type = "${key.type}"`,
    '}',
  ]);

  return [
    '# Inside the aws_dynamodb_table block; skip attribute blocks that already exist.',
    ...attributes,
    'global_secondary_index {',
    `  name            = "${request.indexName}"`,
    `  hash_key        = "${request.partitionKey.name}"`,
    ...(request.sortKey ? [`  range_key       = "${request.sortKey.name}"`] : []),
    '  projection_type = "ALL"',
    ...(request.provisioned ? ['  read_capacity   = 5', '  write_capacity  = 5'] : []),
    '}',
  ].join('\n');
}
