// whosaid explorer: search an actor, draw its neighbourhood, expand nodes,
// read the statements behind an edge, filter, download what is on screen.
// Everything comes from the public GraphQL endpoint (see graphql.js).
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { gql, SEARCH, NEIGHBOURHOOD } from './graphql.js';
import { toGEXF } from './gexf.js';
import { PREDICATES } from './vocabulary.js'; // generated from kg/vocabulary.go
import './style.css';

cytoscape.use(fcose);

// ---------------------------------------------------------------- vocabulary

const KINDS = {
  PERSON: { color: '#3569b0', shape: 'ellipse', name: 'person' },
  ORGANISATION: { color: '#8456bd', shape: 'round-rectangle', name: 'organisation' },
  COUNTRY: { color: '#148f7c', shape: 'round-hexagon', name: 'country' },
  TOPIC: { color: '#d9a21b', shape: 'round-diamond', name: 'topic' },
  EVENT: { color: '#d0607f', shape: 'round-tag', name: 'event' },
  PLACE: { color: '#7d8896', shape: 'round-triangle', name: 'place' },
  STATEMENT: { color: '#a3acb6', shape: 'ellipse', name: 'statement' },
};
const OTHER_KIND = { color: '#a3acb6', shape: 'ellipse', name: 'other' };

const POLARITIES = {
  FAVOR: { color: '#2f9d52', name: 'favor' },
  AGAINST: { color: '#d6423c', name: 'against' },
  NEUTRAL: { color: '#98a2ad', name: 'neutral' },
};
const RELATION_COLOR = '#b9c1cb';

const RELATION_NAMES = {
  HOLDS_POSITION: 'holds a position in',
  PART_OF: 'is part of',
  MEMBER_OF: 'is a member of',
  PARTICIPANT: 'has participant',
  HELD_IN: 'was held in',
  ABOUT: 'is about',
  BROADER: 'is narrower than',
  MADE: 'made',
  TARGETS: 'targets',
  MADE_AT: 'was made at',
};

const ROOT_MAX_NODES = 150;
const MAX_FIT_ZOOM = 1.4;
const EXPAND_MAX_NODES = 80;
const FONT = '"Noto Sans", "Noto Sans Arabic", "DejaVu Sans", system-ui, sans-serif';

// ------------------------------------------------------------------- helpers

const $ = (id) => document.getElementById(id);

// h builds an element; strings become text nodes, so nothing from the API
// is ever parsed as HTML.
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many || one + 's'}`;
const lower = (s) => String(s || '').toLowerCase().replace(/_/g, ' ');

// shorten cuts a caption at a word boundary.
function shorten(s, max) {
  if (!s || s.length <= max) return s || '';
  const cut = s.slice(0, max);
  const sp = cut.lastIndexOf(' ');
  return (sp > max * 0.6 ? cut.slice(0, sp) : cut).replace(/[\s,;:(–-]+$/, '') + '…';
}

// An Arabic line in a canvas label is wrapped in a right-to-left isolate so
// that its ellipsis and punctuation sit at its left end, where they belong.
const rtlIsolate = (s) => `\u2067${s}\u2069`;

function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

// -------------------------------------------------------------------- state

const state = {
  root: null, // id of the actor searched for
  rootLabel: '',
  depth: 1,
  expanded: [], // ids the user expanded, in order: replayed after a filter change, kept while a filter hides them
  showArabic: true,
  truncated: false,
  gen: 0, // bumped whenever the view is rebuilt; stale answers are dropped
};
const statementsOf = new Map(); // edge id → statements behind it

function readFilter() {
  const f = {};
  const from = $('f-from').value;
  const to = $('f-to').value;
  if (from) f.from = from;
  if (to) f.to = to;
  const preds = [...document.querySelectorAll('#f-predicate-list input:checked')].map((i) => i.value);
  const pols = [...document.querySelectorAll('#f-polarity-list input:checked')].map((i) => i.value);
  if (preds.length) f.predicates = preds;
  if (pols.length) f.polarities = pols;
  return f;
}

function filterSummary(f) {
  const parts = [];
  if (f.from || f.to) parts.push(`${f.from || '…'} to ${f.to || '…'}`);
  if (f.predicates) parts.push(f.predicates.map(lower).join(', '));
  if (f.polarities) parts.push(f.polarities.map(lower).join(', '));
  return parts.join(' · ');
}

// The address bar keeps the view (root, depth, filters, expansions), so a
// view can be bookmarked or sent to a colleague.
function writeHash() {
  if (!state.root) return;
  const f = readFilter();
  const p = new URLSearchParams();
  p.set('id', state.root);
  if (state.depth !== 1) p.set('depth', String(state.depth));
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.predicates) p.set('predicates', f.predicates.join(','));
  if (f.polarities) p.set('polarities', f.polarities.join(','));
  if (state.expanded.length) p.set('expand', state.expanded.join(','));
  history.replaceState(null, '', `#${p}`);
}

// The export endpoint gives the root's neighbourhood in four formats, with
// the same depth and filters (not the expansions: the GEXF and PNG buttons
// save exactly what is on screen).
function updateExports() {
  const f = readFilter();
  const p = new URLSearchParams({ id: state.root, depth: String(state.depth) });
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  for (const x of f.predicates || []) p.append('predicate', x);
  for (const x of f.polarities || []) p.append('polarity', x);
  for (const format of ['gexf', 'graphml', 'cyjs', 'csv']) {
    $(`ex-${format}`).href = new URL(`../export/${format}?${p}`, document.baseURI).href;
  }
  const summary = filterSummary(f);
  $('exports-what').textContent = `Neighbourhood of ${state.rootLabel || state.root} at depth ${state.depth}` +
    `${summary ? ` (${summary})` : ''}, from the server, without expansions:`;
}

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  const id = p.get('id');
  if (!id) return false;
  state.root = id;
  state.depth = Math.min(3, Math.max(1, Number(p.get('depth')) || 1));
  $('f-depth').value = String(state.depth);
  $('f-from').value = p.get('from') || '';
  $('f-to').value = p.get('to') || '';
  const preds = new Set((p.get('predicates') || '').split(',').filter(Boolean));
  const pols = new Set((p.get('polarities') || '').split(',').filter(Boolean));
  for (const i of document.querySelectorAll('#f-predicate-list input')) i.checked = preds.has(i.value);
  for (const i of document.querySelectorAll('#f-polarity-list input')) i.checked = pols.has(i.value);
  state.expanded = (p.get('expand') || '').split(',').filter(Boolean);
  updatePickSummaries();
  return true;
}

// ------------------------------------------------------------------- graph

const cy = cytoscape({
  container: $('cy'),
  minZoom: 0.15,
  maxZoom: 4,
  wheelSensitivity: 0.3,
  boxSelectionEnabled: false,
  autounselectify: true,
  style: [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)',
        shape: 'data(shape)',
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(caption)',
        'font-family': FONT,
        'font-size': 11,
        color: '#1c2530',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 5,
        'text-wrap': 'wrap',
        'text-max-width': 170,
        'line-height': 1.3,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.82,
        'text-background-padding': 2,
        'text-background-shape': 'round-rectangle',
        'border-width': 2,
        'border-color': '#ffffff',
        'min-zoomed-font-size': 7,
        'overlay-padding': 5,
        'transition-property': 'opacity',
        'transition-duration': 150,
      },
    },
    {
      // More neighbours than are shown: a dashed ring invites a click.
      selector: 'node[hiddenDegree > 0]',
      style: { 'outline-width': 2, 'outline-color': 'data(color)', 'outline-style': 'dashed', 'outline-offset': 3, 'outline-opacity': 0.9 },
    },
    { selector: 'node.root', style: { 'border-width': 4, 'border-color': '#1c2530', 'font-weight': 'bold', 'font-size': 13, 'z-index': 10 } },
    { selector: 'node.picked', style: { 'border-width': 4, 'border-color': '#f2b705' } },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'line-color': 'data(color)',
        'target-arrow-color': 'data(color)',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
        'control-point-step-size': 22,
        opacity: 0.85,
        'font-family': FONT,
        'font-size': 10,
        color: '#1c2530',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.9,
        'text-background-padding': 2,
        'overlay-padding': 4,
        'transition-property': 'opacity',
        'transition-duration': 150,
      },
    },
    { selector: 'edge[kind != "STANCE"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [5, 4], 'target-arrow-shape': 'vee', opacity: 0.75 } },
    { selector: 'edge.picked', style: { label: 'data(caption)', 'underlay-color': '#f2b705', 'underlay-opacity': 0.45, 'underlay-padding': 4, opacity: 1, 'z-index': 20 } },
    { selector: 'edge.hover', style: { label: 'data(caption)', opacity: 1, 'z-index': 15 } },
    { selector: '.faded', style: { opacity: 0.14 } },
  ],
});

function nodeData(n) {
  const k = KINDS[n.kind] || OTHER_KIND;
  const d = {
    id: n.id,
    kind: n.kind,
    label: n.label,
    labelAr: n.labelAr || '',
    degree: n.degree,
    hiddenDegree: n.hiddenDegree,
    color: k.color,
    shape: k.shape,
    size: 20 + 38 * Math.min(1, Math.sqrt(Math.max(0, n.degree - 1) / 30)),
  };
  d.caption = caption(d);
  return d;
}

function caption(d) {
  let c = shorten(d.label, 34);
  if (state.showArabic && d.labelAr) c += '\n' + rtlIsolate(shorten(d.labelAr, 30));
  return c;
}

function edgeData(e) {
  const stance = e.kind === 'STANCE';
  const n = stance ? e.statements.length || e.weight : 0;
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    kind: e.kind,
    predicate: e.predicate || '',
    polarity: e.polarity || '',
    weight: e.weight,
    start: e.start || '',
    end: e.end || '',
    statements: n,
    color: stance ? (POLARITIES[e.polarity] || POLARITIES.NEUTRAL).color : RELATION_COLOR,
    width: stance ? Math.min(10, 2 + 2.2 * Math.log2(e.weight)) : 1.3,
    caption: stance
      ? `${e.predicate ? lower(e.predicate) : 'several predicates'} · ${plural(n, 'statement')}`
      : lower(e.kind),
  };
}

// merge adds what is new in a subgraph (by id) and refreshes the counts of
// what is already there; it returns the added elements.
function merge(sub, anchor) {
  const added = cy.collection();
  const centre = anchor ? anchor.position() : null;
  const fresh = sub.nodes.filter((n) => cy.getElementById(n.id).empty());
  cy.batch(() => {
    fresh.forEach((n, i) => {
      const el = { group: 'nodes', data: nodeData(n) };
      if (centre) {
        // Start new nodes on a ring round the one expanded; the layout then settles them.
        const a = (2 * Math.PI * i) / fresh.length;
        const r = 90 + 4 * fresh.length;
        el.position = { x: centre.x + r * Math.cos(a), y: centre.y + r * Math.sin(a) };
      }
      added.merge(cy.add(el));
    });
    for (const n of sub.nodes) {
      cy.getElementById(n.id).data({ degree: n.degree, hiddenDegree: n.hiddenDegree });
    }
    for (const e of sub.edges) {
      if (cy.getElementById(e.id).nonempty()) continue;
      if (cy.getElementById(e.source).empty() || cy.getElementById(e.target).empty()) continue;
      statementsOf.set(e.id, e.statements);
      added.merge(cy.add({ group: 'edges', data: edgeData(e) }));
    }
    // An edge just brought in is no longer hidden from the nodes already shown.
    cy.nodes().forEach((node) => {
      const shown = node.connectedEdges().length;
      const hidden = Math.min(node.data('hiddenDegree'), Math.max(0, node.data('degree') - shown));
      if (hidden !== node.data('hiddenDegree')) node.data('hiddenDegree', hidden);
    });
  });
  if (sub.truncated) state.truncated = true;
  return added;
}

let layout = null;
let layoutDone = Promise.resolve();

function runLayout(incremental) {
  if (layout) layout.stop();
  const n = cy.nodes().length;
  layout = cy.layout({
    name: 'fcose',
    quality: 'proof',
    randomize: !incremental,
    animate: incremental && n < 400,
    animationDuration: 550,
    fit: true,
    padding: 40,
    nodeDimensionsIncludeLabels: true,
    idealEdgeLength: (e) => (e.data('kind') === 'STANCE' ? 150 : 110),
    edgeElasticity: 0.4,
    nodeRepulsion: 16000,
    nodeSeparation: 90,
    gravity: 0.3,
    gravityRange: 3.5,
    numIter: 2500,
    packComponents: true,
  });
  layoutDone = new Promise((resolve) => layout.one('layoutstop', () => {
    // A handful of nodes would otherwise be blown up to fill the window.
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center();
    }
    resolve();
  }));
  layout.run();
  return layoutDone;
}

// ---------------------------------------------------------------- requests

let chain = Promise.resolve();
let pending = 0;

// serial runs graph requests one after another, so that each expansion's
// `exclude` lists everything the ones before it added.
function serial(fn) {
  pending++;
  setBusy(true);
  // Errors are shown in the status line; the returned promise never rejects.
  chain = chain
    .then(fn)
    .catch((err) => showError(err))
    .finally(() => {
      pending--;
      if (pending === 0) setBusy(false);
    });
  return chain;
}

function setBusy(busy) {
  document.body.dataset.busy = busy ? 'true' : 'false';
  if (busy) setStatus('Loading…');
  else updateStatus();
}

async function neighbourhood(id, depth, maxNodes, exclude) {
  const filter = readFilter();
  const vars = { id, depth, maxNodes, filter: Object.keys(filter).length ? filter : null };
  if (exclude && exclude.length) vars.exclude = exclude;
  const data = await gql(NEIGHBOURHOOD, vars, 'ExplorerNeighbourhood');
  return data.neighbourhood;
}

// reload rebuilds the view from the root: the root's neighbourhood, then
// each expansion again in order, under the current filters.
function reload() {
  if (!state.root) return Promise.resolve();
  const gen = ++state.gen;
  const replay = state.expanded.slice();
  clearPanel();
  $('empty').hidden = true;
  $('dl-gexf').disabled = true;
  $('dl-png').disabled = true;
  writeHash();
  return serial(async () => {
    const sub = await neighbourhood(state.root, state.depth, ROOT_MAX_NODES);
    if (gen !== state.gen) return;
    cy.elements().remove();
    statementsOf.clear();
    state.truncated = false;
    merge(sub, null);
    const root = cy.getElementById(state.root).addClass('root');
    state.rootLabel = root.nonempty() ? root.data('label') : state.root;
    if (document.activeElement !== input) input.value = state.rootLabel;
    updateExports();
    for (const id of replay) {
      if (cy.getElementById(id).empty()) continue;
      const more = await neighbourhood(id, 1, EXPAND_MAX_NODES, cy.nodes().map((n) => n.id()));
      if (gen !== state.gen) return;
      merge(more, null);
      cy.getElementById(id).addClass('expanded');
    }
    $('dl-gexf').disabled = false;
    $('dl-png').disabled = false;
    await runLayout(false);
  });
}

// expand brings in a node's neighbours that are not on screen yet.
function expand(node) {
  const id = node.id();
  if (node.data('hiddenDegree') === 0 && (node.hasClass('expanded') || node.hasClass('root'))) return Promise.resolve();
  const gen = state.gen;
  return serial(async () => {
    const sub = await neighbourhood(id, 1, EXPAND_MAX_NODES, cy.nodes().map((n) => n.id()));
    if (gen !== state.gen) return;
    const added = merge(sub, cy.getElementById(id));
    node.addClass('expanded');
    if (!state.expanded.includes(id) && id !== state.root) state.expanded.push(id);
    writeHash();
    if (added.nodes().length > 0) await runLayout(true);
    else flash(`${node.data('label')}: nothing more to show under these filters`);
  });
}

// ------------------------------------------------------------------ status

let flashUntil = 0;

function setStatus(text, error) {
  const s = $('status');
  s.textContent = text;
  s.classList.toggle('error', Boolean(error));
  s.hidden = !text;
}

function flash(text) {
  flashUntil = Date.now() + 4000;
  setStatus(text);
  setTimeout(() => {
    if (Date.now() >= flashUntil && pending === 0) updateStatus();
  }, 4100);
}

function showError(err) {
  flashUntil = Date.now() + 8000;
  setStatus(`Could not load the graph: ${err.message}`, true);
}

function updateStatus() {
  if (Date.now() < flashUntil) return;
  if (!state.root || cy.nodes().empty()) {
    setStatus('');
    return;
  }
  const root = cy.getElementById(state.root);
  const parts = [
    root.nonempty() ? root.data('label') : state.root,
    `depth ${state.depth}`,
    plural(cy.nodes().length, 'node'),
    plural(cy.edges().length, 'edge'),
  ];
  const f = filterSummary(readFilter());
  if (f) parts.push(f);
  if (state.truncated) parts.push('cut at the node limit: click dashed nodes for more');
  setStatus(parts.join(' · '));
}

// ------------------------------------------------------------------- panel

function clearPanel() {
  cy.elements().removeClass('picked');
  const panel = $('panel');
  panel.replaceChildren(panelIntro);
  panel.dataset.showing = '';
  panel.dataset.id = '';
}

function polarityTag(p) {
  if (!p) return null;
  return h('span', { class: `tag pol-${p.toLowerCase()}` }, lower(p));
}

function names(d) {
  return [
    h('bdi', { class: 'en' }, d.label),
    d.labelAr ? h('span', { class: 'ar', lang: 'ar', dir: 'rtl' }, d.labelAr) : null,
  ];
}

function showNode(node) {
  clearPanel();
  node.addClass('picked');
  const d = node.data();
  const kind = (KINDS[d.kind] || OTHER_KIND).name;
  const stances = node.connectedEdges('[kind = "STANCE"]').sort((a, b) => b.data('weight') - a.data('weight'));
  const panel = $('panel');
  panel.dataset.showing = 'node';
  panel.dataset.id = d.id;
  panel.replaceChildren(
    h('div', { class: 'panel-head' },
      h('div', { class: 'kicker' }, h('span', { class: 'swatch', style: `background:${d.color}` }), kind),
      h('h2', { dir: 'auto' }, d.label),
      d.labelAr ? h('p', { class: 'ar title-ar', lang: 'ar', dir: 'rtl' }, d.labelAr) : null,
      h('p', { class: 'muted' },
        `${plural(d.degree, 'edge')} in the graph · `,
        d.hiddenDegree > 0 ? `${d.hiddenDegree} not shown yet (click the node again for more)` : 'all shown'),
      d.id !== state.root && ['PERSON', 'ORGANISATION', 'COUNTRY'].includes(d.kind)
        ? h('button', { type: 'button', onclick: () => setRoot(d.id, d.label) }, 'Centre the view on it')
        : null),
    stances.length
      ? h('section', {},
        h('h3', {}, `Stances on screen (${stances.length})`),
        h('ul', { class: 'edge-list' }, stances.map((e) => {
          const out = e.source().id() === d.id;
          const other = out ? e.target() : e.source();
          return h('li', {},
            h('button', { type: 'button', class: 'link', onclick: () => showEdge(e) },
              polarityTag(e.data('polarity')),
              h('span', { class: 'muted' }, out ? ' toward ' : ' from '),
              h('bdi', {}, other.data('label')),
              h('span', { class: 'muted' }, ` (${e.data('statements')})`)));
        })))
      : null,
  );
}

function highlightCue(text, cue) {
  const i = cue ? text.indexOf(cue) : -1;
  if (i < 0) return [text];
  return [text.slice(0, i), h('mark', {}, cue), text.slice(i + cue.length)];
}

function showEdge(edge) {
  clearPanel();
  edge.addClass('picked');
  const d = edge.data();
  const src = edge.source().data();
  const tgt = edge.target().data();
  const panel = $('panel');
  panel.dataset.showing = 'edge';
  panel.dataset.id = d.id;
  const head = h('div', { class: 'panel-head' },
    h('div', { class: 'kicker' }, d.kind === 'STANCE' ? 'stance' : 'relation'),
    h('h2', { class: 'ends' },
      h('bdi', {}, src.label),
      h('span', { class: 'arrow', 'aria-label': d.kind === 'STANCE' ? 'toward' : lower(d.kind) },
        d.kind === 'STANCE' ? ' → ' : ` ${RELATION_NAMES[d.kind] || lower(d.kind)} `),
      h('bdi', {}, tgt.label)),
    src.labelAr || tgt.labelAr
      ? h('p', { class: 'ar title-ar', lang: 'ar', dir: 'rtl' }, `${src.labelAr || src.label} ← ${tgt.labelAr || tgt.label}`)
      : null);
  if (d.kind !== 'STANCE') {
    head.append(h('p', { class: 'muted' }, 'A relation from the catalogue or a document: no statements behind it.'));
    panel.replaceChildren(head);
    return;
  }
  const stmts = (statementsOf.get(d.id) || []).slice().sort((a, b) => (a.date || '').localeCompare(b.date || '') || a.id.localeCompare(b.id));
  head.append(h('p', { class: 'tags' },
    polarityTag(d.polarity),
    d.predicate ? h('span', { class: 'tag pred' }, lower(d.predicate)) : h('span', { class: 'tag pred' }, 'several predicates'),
    h('span', { class: 'muted' }, ` ${plural(stmts.length, 'statement')}`),
    d.start ? h('span', { class: 'muted' }, ` · ${d.start === d.end || !d.end ? d.start : `${d.start} – ${d.end}`}`) : null));
  const list = h('ol', { class: 'statements' }, stmts.map((s) => h('li', { class: 'statement', 'data-id': s.id },
    h('div', { class: 'meta' },
      h('span', { class: 'tag pred' }, lower(s.predicate)),
      polarityTag(s.polarity),
      s.date ? h('time', { datetime: s.date }, s.date) : h('span', { class: 'muted' }, 'undated')),
    h('p', { class: 'summary', lang: 'en' }, s.summary),
    h('p', { class: 'speakers' }, h('span', { class: 'muted' }, 'said by '),
      s.speakers.map((sp, i) => [i > 0 ? ', ' : null, h('bdi', {}, sp.name),
        sp.nameAr ? [' ', h('span', { class: 'ar', lang: 'ar', dir: 'rtl' }, sp.nameAr)] : null])),
    s.evidence.map((ev) => h('figure', { class: 'evidence' },
      h('blockquote', { lang: ev.document.lang || 'ar', dir: ev.document.lang && ev.document.lang !== 'ar' ? 'auto' : 'rtl' },
        highlightCue(ev.text, ev.cue)),
      h('figcaption', {},
        h('cite', { dir: 'auto' }, ev.document.title),
        h('span', { class: 'where' }, [ev.document.date, `characters ${ev.start}–${ev.end}`].filter(Boolean).join(' · ')),
      ))))));
  panel.replaceChildren(head, list);
}

const panelIntro = $('panel').firstElementChild;

// ------------------------------------------------------------------ events

cy.on('tap', 'node', (e) => {
  showNode(e.target);
  expand(e.target).then(() => {
    if ($('panel').dataset.showing === 'node' && e.target.hasClass('picked')) showNode(e.target);
  });
});
cy.on('tap', 'edge', (e) => showEdge(e.target));
cy.on('tap', (e) => {
  if (e.target === cy) clearPanel();
});
cy.on('mouseover', 'node', (e) => {
  const near = e.target.closedNeighborhood();
  cy.elements().not(near).addClass('faded');
});
cy.on('mouseout', 'node', () => cy.elements().removeClass('faded'));
cy.on('mouseover', 'edge', (e) => e.target.addClass('hover'));
cy.on('mouseout', 'edge', (e) => e.target.removeClass('hover'));

function setRoot(id, label) {
  state.root = id;
  state.expanded = [];
  $('search-input').value = label || id;
  return reload();
}

// ------------------------------------------------------------------ search

const input = $('search-input');
const results = $('search-results');
let hits = [];
let active = -1;
let searchSeq = 0;

function renderHits() {
  results.replaceChildren(...hits.map((hit, i) => {
    const a = hit.node;
    const k = KINDS[a.kind] || OTHER_KIND;
    return h('li', {
      role: 'option', id: `hit-${i}`, 'data-id': a.id, 'aria-selected': i === active ? 'true' : 'false',
      class: i === active ? 'active' : '',
      onmousedown: (ev) => { ev.preventDefault(); pick(i); },
    },
    h('span', { class: 'swatch', style: `background:${k.color}` }),
    h('bdi', { class: 'en' }, a.name),
    a.nameAr ? h('span', { class: 'ar', lang: 'ar', dir: 'rtl' }, a.nameAr) : null,
    h('span', { class: 'muted kind' }, k.name));
  }));
  if (hits.length === 0 && input.value.trim()) results.replaceChildren(h('li', { class: 'none' }, 'No actor found'));
  results.hidden = !input.value.trim();
  input.setAttribute('aria-activedescendant', active >= 0 ? `hit-${active}` : '');
}

const search = debounce(async () => {
  const q = input.value.trim();
  const seq = ++searchSeq;
  if (!q) {
    hits = [];
    results.hidden = true;
    return;
  }
  try {
    const data = await gql(SEARCH, { q }, 'ExplorerSearch');
    if (seq !== searchSeq) return;
    hits = data.search.filter((x) => x.node && x.node.id);
    active = hits.length ? 0 : -1;
    renderHits();
  } catch (err) {
    showError(err);
  }
}, 200);

function pick(i) {
  const hit = hits[i];
  if (!hit) return;
  results.hidden = true;
  input.blur();
  setRoot(hit.node.id, hit.node.name);
}

input.addEventListener('input', search);
input.addEventListener('focus', () => { if (hits.length) results.hidden = false; });
input.addEventListener('blur', () => setTimeout(() => { results.hidden = true; }, 100));
input.addEventListener('keydown', (ev) => {
  if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
    if (!hits.length) return;
    ev.preventDefault();
    active = (active + (ev.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
    renderHits();
  } else if (ev.key === 'Escape') {
    results.hidden = true;
  }
});
$('search').addEventListener('submit', (ev) => {
  ev.preventDefault();
  if (hits.length) pick(Math.max(0, active));
});

// ----------------------------------------------------------------- filters

function checkboxes(container, values, name) {
  container.replaceChildren(...values.map((v) => h('label', {},
    h('input', { type: 'checkbox', value: v, name }), ` ${lower(v)}`)));
}
checkboxes($('f-predicate-list'), PREDICATES, 'predicate');
checkboxes($('f-polarity-list'), Object.keys(POLARITIES), 'polarity');

function updatePickSummaries() {
  const f = readFilter();
  $('f-predicates-summary').textContent = f.predicates ? (f.predicates.length > 2 ? `${f.predicates.length} chosen` : f.predicates.map(lower).join(', ')) : 'any';
  $('f-polarities-summary').textContent = f.polarities ? f.polarities.map(lower).join(', ') : 'any';
}

const refilter = debounce(() => {
  updatePickSummaries();
  state.depth = Number($('f-depth').value) || 1;
  reload();
}, 350);
$('filters').addEventListener('change', refilter);
$('f-clear').addEventListener('click', () => {
  $('f-from').value = '';
  $('f-to').value = '';
  for (const i of document.querySelectorAll('#filters input[type=checkbox]')) i.checked = false;
  refilter();
});
// Close an open picker when clicking elsewhere.
document.addEventListener('click', (ev) => {
  for (const d of document.querySelectorAll('details.pick[open]')) if (!d.contains(ev.target)) d.open = false;
});

// ------------------------------------------------------------------ toolbar

$('show-ar').addEventListener('change', (ev) => {
  state.showArabic = ev.target.checked;
  cy.batch(() => cy.nodes().forEach((n) => { n.data('caption', caption(n.data())); }));
});
$('fit').addEventListener('click', () => cy.animate({ fit: { eles: cy.elements(), padding: 40 } }, { duration: 300 }));

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const fileStem = () => `whosaid-${state.root || 'graph'}`;

// gexf serialises the graph on screen, positions and colours included.
function gexf() {
  const nodes = cy.nodes().map((n) => ({ ...n.data(), x: n.position('x'), y: n.position('y') }));
  const edges = cy.edges().map((e) => ({ ...e.data(), label: e.data('caption') }));
  const f = filterSummary(readFilter());
  const root = cy.getElementById(state.root);
  return toGEXF({
    nodes,
    edges,
    today: new Date().toISOString().slice(0, 10),
    description: `whosaid: neighbourhood of ${root.nonempty() ? root.data('label') : state.root} (depth ${state.depth}` +
      `${state.expanded.length ? `, expanded: ${state.expanded.join(', ')}` : ''}${f ? `; ${f}` : ''}), as shown in the explorer`,
  });
}

$('dl-gexf').addEventListener('click', () => {
  download(new Blob([gexf()], { type: 'application/gexf+xml' }), `${fileStem()}.gexf`);
});
$('dl-png').addEventListener('click', () => {
  download(cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }), `${fileStem()}.png`);
});

// ------------------------------------------------------------------ legend

// icon makes a small SVG from constant markup (never data) for the legend.
function icon(width, height, markup) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('aria-hidden', 'true');
  svg.innerHTML = markup;
  return svg;
}

const SHAPES = {
  ellipse: '<circle cx="7" cy="7" r="6"/>',
  'round-rectangle': '<rect x="1" y="2" width="12" height="10" rx="2.5"/>',
  'round-hexagon': '<polygon points="7,1 12.5,4 12.5,10 7,13 1.5,10 1.5,4"/>',
  'round-diamond': '<polygon points="7,0.5 13.5,7 7,13.5 0.5,7"/>',
  'round-tag': '<polygon points="1,2 9.5,2 13,7 9.5,12 1,12"/>',
  'round-triangle': '<polygon points="7,1 13,13 1,13"/>',
};

const legendShape = (shape, color) => icon(14, 14, (SHAPES[shape] || SHAPES.ellipse).replace('/>', ` fill="${color}"/>`));
const legendLine = (color, dashed) => icon(24, 8,
  `<line x1="0" y1="4" x2="24" y2="4" stroke="${color}" stroke-width="${dashed ? 1.5 : 3}"${dashed ? ' stroke-dasharray="4 3"' : ''}/>`);

$('legend').replaceChildren(
  h('ul', {}, ['PERSON', 'ORGANISATION', 'COUNTRY', 'TOPIC', 'EVENT'].map((k) =>
    h('li', {}, legendShape(KINDS[k].shape, KINDS[k].color), KINDS[k].name))),
  h('ul', {},
    Object.values(POLARITIES).map((p) => h('li', {}, legendLine(p.color), p.name)),
    h('li', {}, legendLine(RELATION_COLOR, true), 'relation')),
);

// --------------------------------------------------------------------- start

window.addEventListener('hashchange', () => {
  if (readHash()) {
    $('search-input').value = state.root;
    reload();
  }
});
if (readHash()) {
  input.value = state.root;
  reload();
}
setBusy(false);

// For tests and the console: the graph, the GEXF of the view, and a promise
// that settles when no request or layout is running.
window.explorer = {
  cy,
  gexf,
  async idle() {
    for (;;) {
      await chain;
      await layoutDone;
      if (pending === 0) return;
    }
  },
};
