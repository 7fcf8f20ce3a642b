import type { Operation } from '../../code/facts.js';
import type { Graph } from '../../graph/graph.js';
import { describeTarget, entryLabels, relatedEntryPoints } from '../../graph/code-paths.js';
import { readsEveryPage } from '../../graph/paging.js';
import type { RawFinding } from '../finding.js';
import { NO_OPTIONS, defineRule } from '../rule.js';

const recommendation =
  'Query a table or index keyed on the attribute you select by, or move the scan to a scheduled job that pages through the table.';

export const fullScan = defineRule({
  id: 'dynamodb/full-scan',
  severity: 'high',
  description:
    'Reports a Scan that reads the whole table, whether or not a filter follows the read.',
  docs: {
    rationale:
      'A Scan reads every item and consumes read capacity for all of them; a FilterExpression is applied after the read, so it trims the response but not the cost or the latency, both of which grow with the table. Graded high for an unfiltered scan that can run on a request path (an HTTP event, or code no template deploys), low for a scan with Limit that does not page (it reads a bounded but arbitrary slice), medium otherwise.',
    example:
      "await ddb.send(new ScanCommand({ TableName: 'orders', FilterExpression: '#s = :open' }));",
    fix: 'Add a GSI keyed on the attribute the filter selects by and Query it, or run the scan off the request path in a job that pages through the table.',
    limitations: [
      'A Scan with `Segment`/`TotalSegments` for a parallel export is reported like any other scan.',
      'A scan behind a feature flag is reported as if the flag were on.',
    ],
  },

  options: NO_OPTIONS,

  check(graph) {
    const scans = graph.operations.filter(operation => operation.action === 'scan');

    return scans.map(scan => findingFor(graph, scan));
  },
});

// Unfiltered on a request path is high; a filtered scan, or one that runs only off the request
// path (a queue consumer, a schedule), reads just as much but is more often a deliberate job.
// A scan with Limit that does not page reads a bounded slice, in no useful order: low.
function findingFor(graph: Graph, scan: Operation): RawFinding {
  const entryPoints = graph.entryPointsReaching(scan);
  const onRequestPath =
    entryPoints.length === 0 ||
    entryPoints.some(entryPoint => entryPoint.servesHttp || !entryPoint.lambda);
  const bounded = scan.hasLimit && !readsEveryPage(graph, scan);
  const severity = bounded ? 'low' : !scan.hasFilter && onRequestPath ? 'high' : 'medium';
  const target = describeTarget(graph.accessesOf(scan), scan);
  const reach = entryPoints.length > 0 ? ` from ${entryLabels(entryPoints)}` : '';
  const filterNote = scan.hasFilter
    ? '; its FilterExpression is applied after the read, so it does not reduce what is read'
    : '';
  const reads = bounded
    ? 'reads up to its Limit of items in storage order, whichever items those are,'
    : 'reads every item of the table';

  return {
    message: `Scan on ${target} ${reads}${reach}${filterNote}.`,
    location: scan.location,
    related: relatedEntryPoints(entryPoints),
    recommendation,
    severity,
    subject: `${target}|${scan.codeFunction}`,
  };
}
