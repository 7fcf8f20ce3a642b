import type { Operation } from '../../code/facts.js';
import type { Graph } from '../../graph/graph.js';
import { describeTarget, entryLabels, relatedEntryPoints } from '../../graph/code-paths.js';
import { pagesByHand } from '../../graph/paging.js';
import type { RawFinding, Severity } from '../finding.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

const recommendation =
  'Loop until LastEvaluatedKey is absent, passing it back as ExclusiveStartKey, or use paginateQuery/paginateScan from the SDK.';

export const unhandledPagination = defineRule({
  id: 'dynamodb/unhandled-pagination',
  severity: 'medium',
  description:
    'Reports a Query or Scan whose result is used without reading LastEvaluatedKey and not through a paginator, so it stops at the first page.',
  docs: {
    rationale:
      'DynamoDB returns at most 1 MB per Query or Scan and signals the rest with LastEvaluatedKey; code that reads only the first page silently drops the items after it, with no error, once the data grows. `Limit` caps the items evaluated before the FilterExpression runs, so `Limit` with a filter can return no item although a match exists. Graded high when the result is read as a list or `Limit` meets a filter, medium when only the first item of a filtered read is used.',
    example:
      "const out = await ddb.send(new ScanCommand({ TableName: 'config', FilterExpression: 'begins_with(pk, :p)' }));\nreturn out.Items;",
    fix: 'Follow LastEvaluatedKey in a loop, or iterate `paginateQuery`/`paginateScan`; for "the first match", drop `Limit` or page until a match is found.',
    limitations: [
      'Paging is recognised by the names LastEvaluatedKey and ExclusiveStartKey anywhere in the code function that runs the operation or the one holding the SDK call; a function that names them without looping is taken as paging.',
      'Paging done by a caller of a helper that returns the raw response is not seen; the helper is reported.',
      "Reads through ElectroDB, Dynamoose and dynamodb-toolbox count as paged only with the library's own option (`pages`, `.all()`, `maxPages`); a loop over their cursors by hand is reported.",
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    const reads = graph.operations.filter(
      operation =>
        (operation.action === 'query' || operation.action === 'scan') && !operation.viaPaginator,
    );

    return reads.flatMap(operation =>
      pagesByHand(graph, operation) ? [] : findingsFor(graph, operation),
    );
  },
});

interface Grade {
  severity: Severity;
  consequence: string;
}

// Grading: Limit with a filter is high (Limit counts items before the filter, so even the first
// match can be missed); a result read as a list without Limit is high (items past 1 MB vanish);
// reading only the first item of a filtered result is medium (a match may sit past the first
// page). Limit without a filter is a deliberate bound, and the first item of an unfiltered read
// is on the first page, so neither is reported.
function gradeOf(operation: Operation): Grade | undefined {
  if (operation.hasLimit && operation.hasFilter) {
    return {
      severity: 'high',
      consequence:
        '; Limit is applied before the filter, so a page can hold no match even when one exists',
    };
  }
  if (operation.hasLimit || operation.resultUse === 'discarded') {
    return undefined;
  }
  if (operation.resultUse === 'first-item') {
    return operation.hasFilter
      ? { severity: 'medium', consequence: '; the first match may lie past the first page' }
      : undefined;
  }

  return {
    severity: 'high',
    consequence: ', so items past the first 1 MB page are silently left out',
  };
}

function findingsFor(graph: Graph, operation: Operation): RawFinding[] {
  const grade = gradeOf(operation);
  if (!grade) {
    return [];
  }

  const entryPoints = graph.entryPointsReaching(operation);
  const target = describeTarget(graph.accessesOf(operation), operation);
  const reach = entryPoints.length > 0 ? ` (reached from ${entryLabels(entryPoints)})` : '';
  const action = operation.action === 'query' ? 'Query' : 'Scan';

  return [
    {
      message: `${action} on ${target}${reach} reads one page and never reads LastEvaluatedKey${grade.consequence}.`,
      location: operation.location,
      related: relatedEntryPoints(entryPoints),
      recommendation,
      severity: grade.severity,
      subject: `${target}|${operation.codeFunction}|${action}`,
    },
  ];
}
