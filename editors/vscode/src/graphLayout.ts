// The routing graph's picture: layers left to right (text sites, then functions by call depth,
// then handoffs and the red destinations), boxes ordered to keep edges short, curved edges, all
// as one SVG string. No `vscode` import: unit-tested.

/** A position as the server sends it (0-based; characters in the negotiated unit). */
export interface Position {
  line: number;
  character: number;
}

/** What `switchboard/routingGraph` answers (docs/lsp.md). */
export interface RoutingGraph {
  root: string | null;
  nodes: GraphNode[];
  edges: GraphEdge[];
  mermaid: string;
}

export interface GraphNode {
  id: string;
  kind: 'site' | 'function' | 'handoff' | 'unresolved' | 'dynamic' | 'route';
  label: string[];
  location: { uri: string; range: { start: Position; end: Position } } | null;
  flagged: boolean;
  conflict: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string | null;
  style: 'normal' | 'conflict' | 'unresolved';
}

export interface Box {
  node: GraphNode;
  layer: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  boxes: Map<string, Box>;
  width: number;
  height: number;
}

/** Sizes, in pixels. Labels are drawn in a monospace font of this advance. */
export const CHAR_WIDTH = 7.2;
const LINE_HEIGHT = 16;
const PAD_X = 10;
const PAD_Y = 7;
const COLUMN_GAP = 80;
const ROW_GAP = 14;
const MARGIN = 16;

/**
 * Each node's layer: sites 0; a function 1 + the longest chain of calls leading to it from a
 * function a site references (a call cycle is cut where it closes); handoffs and the red
 * destinations one layer after the last function layer.
 */
export function layers(g: RoutingGraph): Map<string, number> {
  const kind = new Map(g.nodes.map((n) => [n.id, n.kind]));
  const calls = new Map<string, string[]>();
  for (const e of g.edges) {
    if (kind.get(e.from) === 'function' && kind.get(e.to) === 'function') {
      calls.set(e.to, [...(calls.get(e.to) ?? []), e.from]);
    }
  }
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const fnDepth = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle: cut here
    visiting.add(id);
    let d = 1;
    for (const caller of calls.get(id) ?? []) d = Math.max(d, fnDepth(caller) + 1);
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  const out = new Map<string, number>();
  let last = 0;
  for (const n of g.nodes) {
    if (n.kind === 'site') out.set(n.id, 0);
    else if (n.kind === 'function') {
      const d = fnDepth(n.id);
      out.set(n.id, d);
      last = Math.max(last, d);
    }
  }
  for (const n of g.nodes) {
    if (!out.has(n.id)) out.set(n.id, last + 1);
  }
  return out;
}

/** The box size of a node: its longest label line and its line count. */
export function boxSize(n: GraphNode): { width: number; height: number } {
  const longest = Math.max(1, ...n.label.map((l) => [...l].length));
  return {
    width: Math.ceil(longest * CHAR_WIDTH + 2 * PAD_X),
    height: Math.max(1, n.label.length) * LINE_HEIGHT + 2 * PAD_Y,
  };
}

/**
 * Lay the graph out: layers as columns; in the first column the sites in the server's order
 * (rules sections, topics, steps), in every later one each node at the mean row of the nodes
 * pointing at it (ties and nodes nothing points at keep the server's order).
 */
export function layout(g: RoutingGraph): Layout {
  const layer = layers(g);
  const columns: GraphNode[][] = [];
  for (const n of g.nodes) {
    const l = layer.get(n.id) ?? 0;
    (columns[l] ??= []).push(n);
  }
  const incoming = new Map<string, string[]>();
  for (const e of g.edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
  const rank = new Map<string, number>();
  const order = new Map(g.nodes.map((n, i) => [n.id, i]));
  const placed: GraphNode[][] = [];
  for (let l = 0; l < columns.length; l++) {
    const col = columns[l] ?? [];
    const key = (n: GraphNode): number => {
      const ranks = (incoming.get(n.id) ?? []).map((p) => rank.get(p)).filter((r): r is number => r !== undefined);
      return l === 0 || ranks.length === 0 ? Number.POSITIVE_INFINITY : ranks.reduce((a, b) => a + b, 0) / ranks.length;
    };
    const sorted =
      l === 0
        ? col
        : [...col].sort((a, b) => {
            const ka = key(a);
            const kb = key(b);
            if (ka !== kb) return ka < kb ? -1 : 1;
            return (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
          });
    sorted.forEach((n, i) => rank.set(n.id, i));
    placed.push(sorted);
  }
  const boxes = new Map<string, Box>();
  let x = MARGIN;
  let height = 0;
  placed.forEach((col, l) => {
    const sizes = col.map(boxSize);
    const colWidth = Math.max(0, ...sizes.map((s) => s.width));
    let y = MARGIN;
    col.forEach((n, i) => {
      boxes.set(n.id, { node: n, layer: l, x, y, width: sizes[i].width, height: sizes[i].height });
      y += sizes[i].height + ROW_GAP;
    });
    height = Math.max(height, y - ROW_GAP + MARGIN);
    if (col.length) x += colWidth + COLUMN_GAP;
  });
  return { boxes, width: Math.max(x - COLUMN_GAP + MARGIN, 2 * MARGIN), height: Math.max(height, 2 * MARGIN) };
}

/** Text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const round = (v: number) => Math.round(v * 10) / 10;

/** An edge's path: a curve from the right side of one box to the left side of the other (around
 * below when the target is not to the right), and the point for its label. */
export function edgePath(a: Box, b: Box): { d: string; labelX: number; labelY: number } {
  const x1 = a.x + a.width;
  const y1 = a.y + a.height / 2;
  if (b.x > x1) {
    const x2 = b.x;
    const y2 = b.y + b.height / 2;
    const dx = Math.max(40, (x2 - x1) / 2);
    return {
      d: `M${round(x1)},${round(y1)} C${round(x1 + dx)},${round(y1)} ${round(x2 - dx)},${round(y2)} ${round(x2)},${round(y2)}`,
      labelX: round((x1 + x2) / 2),
      labelY: round((y1 + y2) / 2 - 4),
    };
  }
  // Backwards (a call cycle): from the bottom of one to the bottom of the other.
  const sx = a.x + a.width / 2;
  const sy = a.y + a.height;
  const tx = b.x + b.width / 2;
  const ty = b.y + b.height;
  const low = Math.max(sy, ty) + 30;
  return {
    d: `M${round(sx)},${round(sy)} C${round(sx)},${round(low)} ${round(tx)},${round(low)} ${round(tx)},${round(ty)}`,
    labelX: round((sx + tx) / 2),
    labelY: round(low - 4),
  };
}

/** What a node's tooltip says: its file (relative to the root) and line. */
export function where(n: GraphNode, root: string | null): string {
  if (!n.location) return '';
  let file = decodeURIComponent(n.location.uri.replace(/^file:\/\//, ''));
  const base = root ? decodeURIComponent(root.replace(/^file:\/\//, '')).replace(/\/$/, '') : '';
  if (base && file.startsWith(`${base}/`)) file = file.slice(base.length + 1);
  return `${file}:${n.location.range.start.line + 1}`;
}

/** The whole picture as SVG: one `<g class="node …" data-node="id">` per node. */
export function renderSvg(g: RoutingGraph): string {
  const lay = layout(g);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="routing" width="${round(lay.width)}" height="${round(lay.height)}" viewBox="0 0 ${round(lay.width)} ${round(lay.height)}">`,
    '<defs>',
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow"/></marker>',
    '<marker id="arrow-red" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow red"/></marker>',
    '</defs>',
  );
  parts.push('<g class="edges">');
  for (const e of g.edges) {
    const a = lay.boxes.get(e.from);
    const b = lay.boxes.get(e.to);
    if (!a || !b) continue;
    const p = edgePath(a, b);
    const marker = e.style === 'normal' ? 'arrow' : 'arrow-red';
    parts.push(
      `<g class="edge ${e.style}" data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}">`,
      `<path d="${p.d}" marker-end="url(#${marker})"/>`,
    );
    if (e.label) {
      parts.push(`<text x="${p.labelX}" y="${p.labelY}" text-anchor="middle">${escapeXml(e.label)}</text>`);
    }
    parts.push('</g>');
  }
  parts.push('</g>', '<g class="nodes">');
  for (const box of lay.boxes.values()) {
    const n = box.node;
    const classes = ['node', n.kind];
    if (n.flagged) classes.push('flagged');
    if (n.conflict) classes.push('conflict');
    if (n.location) classes.push('linked');
    const tip = [n.label.join(' — '), where(n, g.root)].filter(Boolean).join('\n');
    parts.push(
      `<g class="${classes.join(' ')}" data-node="${escapeXml(n.id)}" transform="translate(${round(box.x)},${round(box.y)})"${n.location ? ' tabindex="0" role="button"' : ''}>`,
      `<title>${escapeXml(tip)}</title>`,
      `<rect width="${box.width}" height="${box.height}" rx="${n.kind === 'site' ? 3 : n.kind === 'handoff' ? 12 : 6}"/>`,
    );
    if (n.kind === 'function') {
      // The double left edge of a function box.
      parts.push(`<line class="inner" x1="5" y1="0" x2="5" y2="${box.height}"/>`);
    }
    n.label.forEach((line, i) => {
      parts.push(
        `<text x="${PAD_X}" y="${PAD_Y + (i + 1) * LINE_HEIGHT - 4}"${i > 0 ? ' class="second"' : ''}>${escapeXml(line)}</text>`,
      );
    });
    parts.push('</g>');
  }
  parts.push('</g>', '</svg>');
  return parts.join('');
}

/** One line on what the picture holds: `25 nodes, 27 edges, 1 conflict, 1 unresolved`. */
export function summary(g: RoutingGraph): string {
  const conflicts = g.edges.filter((e) => e.style === 'conflict').length;
  const red = g.nodes.filter((n) => n.flagged).length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return [
    plural(g.nodes.length, 'node'),
    plural(g.edges.length, 'edge'),
    plural(conflicts, 'conflict'),
    `${red} unresolved`,
  ].join(', ');
}
