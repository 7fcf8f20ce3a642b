import { z } from 'zod';
import type { GraphEdge, GraphNode } from '../../graph/graph-document.js';
import { EDGE_KINDS, NODE_KINDS } from '../../graph/kinds.js';
import { paginate } from '../paginate.js';
import { locationSchema, pageInput } from '../schemas.js';
import { defineTool } from '../tool.js';

const nodeSchema = z.looseObject({
  id: z.string(),
  kind: z.enum(NODE_KINDS),
  name: z.string(),
  location: locationSchema.optional(),
});

const edgeSchema = z.looseObject({ kind: z.enum(EDGE_KINDS), from: z.string(), to: z.string() });

export const getGraphSummary = defineTool({
  name: 'get_graph_summary',
  title: 'Graph nodes and edges',
  description:
    'Nodes of the graph (tables, indexes, Lambdas, queues, topics, streams, event rules, code functions, operations), filtered by kind and name, one page at a time, each page with the edges that touch its nodes.',
  inputSchema: {
    kind: z.enum(NODE_KINDS).optional().describe('only nodes of this kind'),
    name: z.string().optional().describe('only nodes whose name contains this text (any case)'),
    edgeKind: z.enum(EDGE_KINDS).optional().describe('only edges of this kind'),
    ...pageInput,
  },
  outputSchema: {
    nodes: z.array(nodeSchema),
    edges: z.array(edgeSchema),
    total: z.number().describe('nodes that match the filters, over all pages'),
    nextCursor: z.string().optional(),
  },
  run(input, snapshot) {
    const document = snapshot.document();
    const needle = input.name?.toLowerCase();
    const matching = document.nodes.filter(
      node =>
        (!input.kind || node.kind === input.kind) &&
        (!needle || node.name.toLowerCase().includes(needle)),
    );

    const page = paginate(matching, input.limit, input.cursor);
    const edges = edgesTouching(page.items, document.edges, input.edgeKind);
    const structured = { nodes: page.items, edges, total: page.total, nextCursor: page.nextCursor };

    return { structured, text: renderPage(page.items, edges, page.total, page.nextCursor) };
  },
});

function edgesTouching(
  nodes: GraphNode[],
  edges: GraphEdge[],
  kind: GraphEdge['kind'] | undefined,
): GraphEdge[] {
  const ids = new Set(nodes.map(node => node.id));

  return edges.filter(
    edge => (!kind || edge.kind === kind) && (ids.has(edge.from) || ids.has(edge.to)),
  );
}

function renderPage(
  nodes: GraphNode[],
  edges: GraphEdge[],
  total: number,
  nextCursor: string | undefined,
): string {
  const lines = [
    `${nodes.length} of ${total} nodes, ${edges.length} edges${nextCursor ? ' (more: pass nextCursor)' : ''}`,
    ...nodes.map(node => `  ${node.kind} ${node.name} (${node.id})`),
    ...edges.map(edge => `  ${edge.from} -${edge.kind}-> ${edge.to}`),
  ];

  return lines.join('\n');
}
