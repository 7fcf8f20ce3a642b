/** The closed set of node and edge kinds in the graph; every other module takes them from here. */

export const NODE_KINDS = [
  'table',
  'index',
  'lambda',
  'queue',
  'topic',
  'stream',
  /** A schedule or EventBridge rule that invokes a Lambda. */
  'event-rule',
  'code-function',
  'operation',
] as const;

export type NodeKind = (typeof NODE_KINDS)[number];

export const EDGE_KINDS = [
  /** lambda → code-function: the Lambda's handler is this entry point. */
  'handles',
  /** code-function → code-function. */
  'calls',
  /** code-function → operation: the operation sits in this code function. */
  'performs',
  /** lambda → table: a code path of the Lambda reaches an operation on the table. */
  'accesses',
  /** table → index. */
  'has-index',
  /** operation → index: the operation names the index. */
  'uses-index',
  /** table → stream. */
  'has-stream',
  /** queue, stream or topic → lambda: an event source. */
  'triggers',
  /** lambda (or entry point's code function) → queue or topic: an SQS send or SNS publish. */
  'publishes',
] as const;

export type EdgeKind = (typeof EDGE_KINDS)[number];
