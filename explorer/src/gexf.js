// GEXF 1.3 of exactly what is on screen: nodes with their kind and both
// names, edges with predicate, polarity, weight and statement dates
// (start/end, so Gephi's timeline works), and the colours, sizes and
// positions of the drawing in the viz namespace.

const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXML(s) {
  return String(s)
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

// Dates come as YYYY-MM-DD, YYYY-MM or YYYY; GEXF's timeformat "date" wants
// full days, so a partial date becomes the first (start) or last (end) day
// of its month or year.
export function dayOf(date, end) {
  if (!date) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  let m = /^(\d{4})-(\d{2})$/.exec(date);
  if (m) {
    if (!end) return `${m[1]}-${m[2]}-01`;
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    return `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}`;
  }
  m = /^(\d{4})$/.exec(date);
  if (m) return end ? `${m[1]}-12-31` : `${m[1]}-01-01`;
  return null;
}

function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return `r="${(n >> 16) & 255}" g="${(n >> 8) & 255}" b="${n & 255}"`;
}

const num = (x) => (Number.isFinite(x) ? Number(x.toFixed(2)) : 0);

// toGEXF takes plain node and edge records ({id, kind, label, labelAr,
// degree, hiddenDegree, x, y, size, color} and {id, source, target, kind,
// predicate, polarity, weight, start, end, color, width}) and returns the
// document as a string.
export function toGEXF({ nodes, edges, description, today }) {
  const dynamic = edges.some((e) => e.start || e.end);
  const out = [];
  const w = (s) => out.push(s);
  w('<?xml version="1.0" encoding="UTF-8"?>');
  w('<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">');
  w(`  <meta lastmodifieddate="${escapeXML(today)}">`);
  w('    <creator>whosaid explorer</creator>');
  w(`    <description>${escapeXML(description)}</description>`);
  w('  </meta>');
  w(`  <graph defaultedgetype="directed" mode="${dynamic ? 'dynamic' : 'static'}" timeformat="date">`);
  w('    <attributes class="node" mode="static">');
  w('      <attribute id="kind" title="kind" type="string"/>');
  w('      <attribute id="label_ar" title="label_ar" type="string"/>');
  w('      <attribute id="degree" title="degree" type="integer"/>');
  w('      <attribute id="hidden_degree" title="hidden_degree" type="integer"/>');
  w('    </attributes>');
  w('    <attributes class="edge" mode="static">');
  w('      <attribute id="relation" title="relation" type="string"/>');
  w('      <attribute id="predicate" title="predicate" type="string"/>');
  w('      <attribute id="polarity" title="polarity" type="string"/>');
  w('      <attribute id="statements" title="statements" type="integer"/>');
  w('    </attributes>');
  w('    <nodes>');
  for (const n of nodes) {
    w(`      <node id="${escapeXML(n.id)}" label="${escapeXML(n.label)}">`);
    w('        <attvalues>');
    w(`          <attvalue for="kind" value="${escapeXML(n.kind)}"/>`);
    if (n.labelAr) w(`          <attvalue for="label_ar" value="${escapeXML(n.labelAr)}"/>`);
    w(`          <attvalue for="degree" value="${n.degree | 0}"/>`);
    w(`          <attvalue for="hidden_degree" value="${n.hiddenDegree | 0}"/>`);
    w('        </attvalues>');
    if (n.color) w(`        <viz:color ${rgb(n.color)}/>`);
    // Gephi's y axis points up, the screen's down.
    w(`        <viz:position x="${num(n.x)}" y="${num(-n.y)}" z="0"/>`);
    w(`        <viz:size value="${num(n.size)}"/>`);
    w('      </node>');
  }
  w('    </nodes>');
  w('    <edges>');
  for (const e of edges) {
    const start = dayOf(e.start, false);
    const end = dayOf(e.end, true);
    // kind tells parallel edges apart (a speaker can be for and against one target).
    const kind = e.kind === 'STANCE' ? `stance-${(e.polarity || 'mixed').toLowerCase()}` : e.kind.toLowerCase();
    let attrs = `id="${escapeXML(e.id)}" source="${escapeXML(e.source)}" target="${escapeXML(e.target)}" ` +
      `kind="${escapeXML(kind)}" weight="${num(e.weight)}"`;
    if (e.label) attrs += ` label="${escapeXML(e.label)}"`;
    if (start) attrs += ` start="${start}"`;
    if (end) attrs += ` end="${end}"`;
    w(`      <edge ${attrs}>`);
    w('        <attvalues>');
    w(`          <attvalue for="relation" value="${escapeXML(e.kind)}"/>`);
    if (e.predicate) w(`          <attvalue for="predicate" value="${escapeXML(e.predicate)}"/>`);
    if (e.polarity) w(`          <attvalue for="polarity" value="${escapeXML(e.polarity)}"/>`);
    w(`          <attvalue for="statements" value="${e.statements | 0}"/>`);
    w('        </attvalues>');
    if (e.color) w(`        <viz:color ${rgb(e.color)}/>`);
    w(`        <viz:thickness value="${num(e.width)}"/>`);
    w('      </edge>');
  }
  w('    </edges>');
  w('  </graph>');
  w('</gexf>');
  return out.join('\n') + '\n';
}
