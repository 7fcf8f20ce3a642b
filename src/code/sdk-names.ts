import type { Access, Action, Service } from './facts.js';
import type { ClientKind } from './file-facts.js';

export const SDK_MODULES = [
  'aws-sdk',
  'aws-sdk/clients/dynamodb',
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  'aws-sdk/clients/sqs',
  'aws-sdk/clients/sns',
  '@aws-sdk/client-sqs',
  '@aws-sdk/client-sns',
] as const;

export type SdkModule = (typeof SDK_MODULES)[number];

export function isSdkModule(source: string): source is SdkModule {
  return (SDK_MODULES as readonly string[]).includes(source);
}

const LOW_LEVEL: Record<string, Action> = {
  GetItem: 'get',
  PutItem: 'put',
  UpdateItem: 'update',
  DeleteItem: 'delete',
  Query: 'query',
  Scan: 'scan',
  BatchGetItem: 'batch-get',
  BatchWriteItem: 'batch-write',
  TransactGetItems: 'transact-get',
  TransactWriteItems: 'transact-write',
  ExecuteStatement: 'execute-statement',
  BatchExecuteStatement: 'batch-execute-statement',
};

const DOCUMENT: Record<string, Action> = {
  Get: 'get',
  Put: 'put',
  Update: 'update',
  Delete: 'delete',
  Query: 'query',
  Scan: 'scan',
  BatchGet: 'batch-get',
  BatchWrite: 'batch-write',
  TransactGet: 'transact-get',
  TransactWrite: 'transact-write',
  ExecuteStatement: 'execute-statement',
  BatchExecuteStatement: 'batch-execute-statement',
};

const SQS: Record<string, Action> = { SendMessage: 'send', SendMessageBatch: 'send-batch' };

const SNS: Record<string, Action> = { Publish: 'publish', PublishBatch: 'publish-batch' };

const PAGINATED = ['Query', 'Scan'];

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function methodsOf(table: Record<string, Action>, omit: string[] = []): Map<string, Action> {
  const entries = Object.entries(table).filter(([name]) => !omit.includes(name));

  return new Map(entries.map(([name, action]) => [lowerFirst(name), action]));
}

/** Method names each kind of client answers, mapped to their action. */
export const CLIENT_METHODS: Record<ClientKind, Map<string, Action>> = {
  'v2-document': methodsOf(DOCUMENT, ['ExecuteStatement', 'BatchExecuteStatement']),
  'v2-low-level': methodsOf(LOW_LEVEL),
  'v3-low-level': methodsOf(LOW_LEVEL),
  'v3-document': methodsOf(DOCUMENT),
  sqs: methodsOf(SQS),
  sns: methodsOf(SNS),
};

export const ANY_CLIENT_METHOD = new Set(
  Object.values(CLIENT_METHODS).flatMap(methods => [...methods.keys()]),
);

function commandsOf(table: Record<string, Action>): Map<string, Action> {
  return new Map(Object.entries(table).map(([name, action]) => [`${name}Command`, action]));
}

function paginatorsOf(table: Record<string, Action>): Map<string, Action> {
  return new Map(PAGINATED.map(name => [`paginate${name}`, table[name]!]));
}

export const COMMANDS: Partial<Record<SdkModule, Map<string, Action>>> = {
  '@aws-sdk/client-dynamodb': commandsOf(LOW_LEVEL),
  '@aws-sdk/lib-dynamodb': commandsOf(DOCUMENT),
  '@aws-sdk/client-sqs': commandsOf(SQS),
  '@aws-sdk/client-sns': commandsOf(SNS),
};

export const PAGINATORS: Partial<Record<SdkModule, Map<string, Action>>> = {
  '@aws-sdk/client-dynamodb': paginatorsOf(LOW_LEVEL),
  '@aws-sdk/lib-dynamodb': paginatorsOf(DOCUMENT),
};

const ACCESS: Record<Action, Access> = {
  get: 'read',
  'batch-get': 'read',
  'transact-get': 'read',
  'execute-statement': 'read',
  put: 'write',
  update: 'write',
  delete: 'write',
  'batch-write': 'write',
  'transact-write': 'write',
  'batch-execute-statement': 'write',
  query: 'query',
  scan: 'scan',
  send: 'write',
  'send-batch': 'write',
  publish: 'write',
  'publish-batch': 'write',
};

export function accessOf(action: Action): Access {
  return ACCESS[action];
}

const SERVICES: Partial<Record<Action, Service>> = {
  send: 'sqs',
  'send-batch': 'sqs',
  publish: 'sns',
  'publish-batch': 'sns',
};

/** The service an action belongs to: every action outside SQS and SNS is a DynamoDB one. */
export function serviceOf(action: Action): Service {
  return SERVICES[action] ?? 'dynamodb';
}
