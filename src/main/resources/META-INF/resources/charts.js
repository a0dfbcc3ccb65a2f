// Hand-written SVG charts (no library, nothing fetched at run time).
'use strict';

const Charts = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const COLORS = ['#3b6fd8', '#14a37f', '#e8833a', '#9b51e0', '#d64550', '#2bb3c0', '#7a869a', '#c9a227'];

  function el(name, attrs, parent) {
    const node = document.createElementNS(NS, name);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function svg(container, width, height) {
    container.innerHTML = '';
    return el('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', role: 'img' }, container);
  }

  function short(n) {
    return n >= 1e6 ? (n / 1e6).toFixed(1) + 'M' : n >= 1e3 ? (n / 1e3).toFixed(1) + 'k' : String(Math.round(n));
  }

  // Grouped bars: groups = [{label, values: [..]}], series = [{name, color}].
  function bars(container, groups, series) {
    const W = 600, H = 220, left = 40, bottom = 30, top = 10;
    const root = svg(container, W, H);
    const max = Math.max(1, ...groups.flatMap(g => g.values));
    const groupWidth = (W - left) / Math.max(1, groups.length);
    const barWidth = Math.max(2, (groupWidth - 10) / series.length);
    el('text', { x: 2, y: top + 8 }, root).textContent = short(max);
    groups.forEach((group, gi) => {
      group.values.forEach((value, si) => {
        const h = (H - bottom - top) * value / max;
        const bar = el('rect', { x: left + gi * groupWidth + 5 + si * barWidth, y: H - bottom - h, width: barWidth - 1,
          height: h, fill: series[si].color, class: 'bar', 'data-value': value }, root);
        el('title', {}, bar).textContent = `${group.label} ${series[si].name}: ${value}`;
      });
      el('text', { x: left + gi * groupWidth + 5, y: H - 10 }, root).textContent = group.label;
    });
    legend(container, series);
  }

  // Lines over shared x labels: lines = [{name, values: [..]}].
  function lines(container, labels, lineList) {
    const W = 600, H = 220, left = 40, bottom = 30, top = 10;
    const root = svg(container, W, H);
    const max = Math.max(1, ...lineList.flatMap(l => l.values));
    const step = (W - left - 10) / Math.max(1, labels.length - 1);
    el('text', { x: 2, y: top + 8 }, root).textContent = short(max);
    lineList.forEach((line, li) => {
      const points = line.values.map((v, i) => `${left + i * step},${H - bottom - (H - bottom - top) * v / max}`).join(' ');
      el('polyline', { points, fill: 'none', stroke: COLORS[li % COLORS.length], 'stroke-width': 2, class: 'line',
        'data-points': line.values.length }, root);
    });
    [0, Math.floor(labels.length / 2), labels.length - 1].filter((v, i, a) => labels.length && a.indexOf(v) === i)
      .forEach(i => { el('text', { x: left + i * step - 20, y: H - 10 }, root).textContent = labels[i]; });
    legend(container, lineList.map((l, i) => ({ name: l.name, color: COLORS[i % COLORS.length] })));
  }

  function sparkline(container, values) {
    const W = 300, H = 60;
    const root = svg(container, W, H);
    const max = Math.max(1, ...values);
    const step = W / Math.max(1, values.length - 1);
    el('polyline', { points: values.map((v, i) => `${i * step},${H - 4 - (H - 8) * v / max}`).join(' '), fill: 'none',
      stroke: COLORS[0], 'stroke-width': 2, class: 'line', 'data-points': values.length }, root);
  }

  function legend(container, series) {
    const div = document.createElement('div');
    div.className = 'legend';
    series.forEach(s => {
      const span = document.createElement('span');
      span.innerHTML = `<svg width="10" height="10"><rect width="10" height="10" fill="${s.color}"/></svg> `;
      span.appendChild(document.createTextNode(s.name));
      div.appendChild(span);
    });
    container.appendChild(div);
  }

  return { bars, lines, sparkline, COLORS };
})();
