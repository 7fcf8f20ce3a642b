import { fullScan } from './dynamodb/full-scan.js';
import { hotPartition } from './dynamodb/hot-partition.js';
import { unknownTable } from './dynamodb/unknown-table.js';
import { suppressionWithoutReason } from './infrawise/suppression-without-reason.js';
import { unusedSuppression } from './infrawise/unused-suppression.js';
import { missingPermission } from './iam/missing-permission.js';
import { overbroadPermission } from './iam/overbroad-permission.js';
import { noPointInTimeRecovery } from './dynamodb/no-point-in-time-recovery.js';
import { streamFanOut } from './dynamodb/stream-fan-out.js';
import { streamFailureHandling } from './lambda/stream-failure-handling.js';
import { missingDlq } from './sqs/missing-dlq.js';
import { visibilityTimeout } from './sqs/visibility-timeout.js';
import { recursiveTrigger } from './lambda/recursive-trigger.js';
import { partialBatchResponse } from './lambda/partial-batch-response.js';
import { batchLimit } from './dynamodb/batch-limit.js';
import { callInLoop } from './dynamodb/call-in-loop.js';
import { constantPartitionKey } from './dynamodb/constant-partition-key.js';
import { missingIndex } from './dynamodb/missing-index.js';
import { readModifyWrite } from './dynamodb/read-modify-write.js';
import { unhandledPagination } from './dynamodb/unhandled-pagination.js';
import { unprocessedItems } from './dynamodb/unprocessed-items.js';
import { unusedIndex } from './dynamodb/unused-index.js';
import type { Rule } from './rule.js';

/** Every rule infrawise runs, in the order `infrawise rules` lists them. */
export const RULES: readonly Rule[] = [
  // Code against the table.
  fullScan,
  hotPartition,
  unknownTable,
  callInLoop,
  unhandledPagination,
  unprocessedItems,
  batchLimit,
  missingIndex,
  unusedIndex,
  constantPartitionKey,
  readModifyWrite,
  // Triggers and infrastructure.
  recursiveTrigger,
  streamFanOut,
  streamFailureHandling,
  partialBatchResponse,
  visibilityTimeout,
  missingDlq,
  noPointInTimeRecovery,
  // Permissions.
  missingPermission,
  overbroadPermission,
  // Suppression comments.
  suppressionWithoutReason,
  unusedSuppression,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find(rule => rule.id === id);
}
