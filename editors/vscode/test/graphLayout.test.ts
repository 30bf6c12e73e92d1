import { strict as assert } from 'node:assert';
import { test } from 'node:test';

import { GraphEdge, GraphNode, RoutingGraph, boxSize, escapeXml, layers, layout, renderSvg, summary, where } from '../src/graphLayout';

const at = (file: string, line: number) => ({
  uri: `file:///p/vet%20clinic/${file}`,
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
});

function node(id: string, kind: GraphNode['kind'], label: string[] = [id], extra: Partial<GraphNode> = {}): GraphNode {
  return { id, kind, label, location: at(`${id}.yaml`, 1), flagged: false, conflict: false, ...extra };
}

function edge(from: string, to: string, style: GraphEdge['style'] = 'normal', label: string | null = null): GraphEdge {
  return { from, to, style, label };
}

/** Two sites, a call chain of three functions, two handoffs, a missing one. */
function sample(): RoutingGraph {
  return {
    root: 'file:///p/vet%20clinic',
    mermaid: '',
    nodes: [
      node('rules_transfers', 'site'),
      node('topic_after_hours', 'site', ['topic: After <Hours> & "more"']),
      node('fn_a', 'function'),
      node('fn_b', 'function'),
      node('fn_c', 'function'),
      node('ho_reception', 'handoff', ['ho:Reception (default)', 'refer +15035550100']),
      node('ho_vet', 'handoff'),
      node('missing_ho_x', 'unresolved', ['unresolved ho:x'], { flagged: true, location: null }),
    ],
    edges: [
      edge('rules_transfers', 'ho_vet'),
      edge('topic_after_hours', 'fn_a', 'conflict', 'conflict'),
      edge('topic_after_hours', 'ho_reception'),
      edge('topic_after_hours', 'missing_ho_x', 'unresolved', 'unresolved'),
      edge('fn_a', 'fn_b', 'normal', 'calls'),
      edge('fn_b', 'fn_c', 'normal', 'calls'),
      edge('fn_c', 'ho_reception', 'normal', 'call_handoff'),
    ],
  };
}

test('layers: sites, functions by call depth, then every destination', () => {
  const l = layers(sample());
  assert.deepEqual(Object.fromEntries(l), {
    rules_transfers: 0,
    topic_after_hours: 0,
    fn_a: 1,
    fn_b: 2,
    fn_c: 3,
    ho_reception: 4,
    ho_vet: 4,
    missing_ho_x: 4,
  });
});

test('a call cycle is cut, not followed forever', () => {
  const g = sample();
  g.edges.push(edge('fn_c', 'fn_a', 'normal', 'calls'));
  const l = layers(g);
  assert.ok([...l.values()].every((v) => Number.isFinite(v) && v >= 0 && v <= 5));
  assert.ok(renderSvg(g).includes('data-from="fn_c" data-to="fn_a"'));
});

test('no two boxes overlap; columns go left to right by layer', () => {
  const lay = layout(sample());
  const boxes = [...lay.boxes.values()];
  assert.equal(boxes.length, 8);
  for (const a of boxes) {
    assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.width <= lay.width && a.y + a.height <= lay.height, a.node.id);
    for (const b of boxes) {
      if (a === b) continue;
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      assert.ok(apart, `${a.node.id} overlaps ${b.node.id}`);
      if (a.layer < b.layer) assert.ok(a.x + a.width < b.x, `${a.node.id} left of ${b.node.id}`);
    }
  }
});

test('a later column is ordered by the rows pointing at it', () => {
  const lay = layout(sample());
  const y = (id: string) => lay.boxes.get(id)!.y;
  // ho_vet is pointed at from the first row, ho_reception from the second and from fn_c.
  assert.ok(y('ho_vet') < y('ho_reception'));
  // Sites keep the server's order.
  assert.ok(y('rules_transfers') < y('topic_after_hours'));
});

test('box size follows the longest label line and the line count', () => {
  const one = boxSize(node('a', 'site', ['abc']));
  const two = boxSize(node('b', 'site', ['abcdef', 'x']));
  assert.ok(two.width > one.width);
  assert.ok(two.height > one.height);
  // Characters, not UTF-16 units or bytes.
  assert.equal(boxSize(node('c', 'site', ['🐾🐾🐾'])).width, one.width);
});

test('the SVG: a group per node with its id, classes for kind and marks, labels escaped', () => {
  const svg = renderSvg(sample());
  for (const n of sample().nodes) assert.ok(svg.includes(`data-node="${n.id}"`), n.id);
  assert.ok(svg.includes('topic: After &lt;Hours&gt; &amp; &quot;more&quot;'));
  assert.ok(!svg.includes('<Hours>'));
  assert.match(svg, /class="node unresolved flagged" data-node="missing_ho_x"/);
  assert.match(svg, /class="node site linked" data-node="rules_transfers"[^>]*tabindex="0" role="button"/);
  assert.match(svg, /<g class="edge conflict" data-from="topic_after_hours" data-to="fn_a"><path d="M[^"]+" marker-end="url\(#arrow-red\)"\/><text[^>]*>conflict<\/text>/);
  assert.match(svg, /<g class="edge unresolved" data-from="topic_after_hours" data-to="missing_ho_x">/);
  // A node with no location is not clickable.
  assert.doesNotMatch(svg, /data-node="missing_ho_x"[^>]*tabindex/);
  // Tooltips name the file relative to the project, 1-based line.
  assert.ok(svg.includes('<title>rules_transfers\nrules_transfers.yaml:2</title>'));
  // Well-formed enough: every group closed.
  assert.equal((svg.match(/<g[ >]/g) ?? []).length, (svg.match(/<\/g>/g) ?? []).length);
});

test('an empty graph is a small, valid picture', () => {
  const svg = renderSvg({ root: null, nodes: [], edges: [], mermaid: '' });
  assert.match(svg, /^<svg [^>]*width="32" height="32"/);
  assert.equal(summary({ root: null, nodes: [], edges: [], mermaid: '' }), '0 nodes, 0 edges, 0 conflicts, 0 unresolved');
});

test('summary and tooltips', () => {
  assert.equal(summary(sample()), '8 nodes, 7 edges, 1 conflict, 1 unresolved');
  assert.equal(where(node('fn_a', 'function'), 'file:///p/vet%20clinic/'), 'fn_a.yaml:2');
  assert.equal(where(node('fn_a', 'function'), null), '/p/vet clinic/fn_a.yaml:2');
  assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});
