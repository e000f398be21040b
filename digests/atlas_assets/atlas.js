/* pairwatch atlas: tables you can search, sort and filter, and two ECharts charts.
   The data is this page's inline JSON (#atlas-data); nothing is fetched. Every value from a web
   page is set as text (textContent), never as HTML. */
"use strict";

const DATA = JSON.parse(document.getElementById("atlas-data").textContent);
const MAX_ROWS = 2000; // rows drawn at once; the count says how many more match

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function sourcesCell(item) {
  const list = el("ul", { class: "sources" });
  for (const s of item.sources) {
    const label = s.href
      ? el("a", { href: s.href, target: "_blank", rel: "noreferrer noopener" }, s.label)
      : el("span", { title: s.where }, s.label);
    list.append(el("li", {}, label, s.published ? el("span", { class: "date" }, " " + s.published) : null));
  }
  return list;
}

function badges(item, isPairing) {
  const out = el("span", { class: "badges" });
  if (isPairing && item.new) out.append(el("span", { class: "badge new", title: "new: on no official list, not stored before" }, "新"));
  if (item.low) out.append(el("span", { class: "badge low", title: "confidence below 0.8: check the evidence" }, "待核"));
  return out;
}

function evidenceCell(item) {
  return el("details", {}, el("summary", {}, item.evidence.slice(0, 40) + (item.evidence.length > 40 ? "…" : "")),
    el("blockquote", {}, item.evidence));
}

function provinceLink(name, page) {
  return page ? el("a", { href: page }, name) : name;
}

const TABLES = {
  pairings: {
    prefix: "p",
    columns: [
      ["id", "#", (p) => p.id, (p) => p.id],
      ["donor", "Donor", (p) => p.donor + " " + p.donor_province, (p) => [el("b", {}, p.donor), el("br"), el("small", {}, p.donor_province)]],
      ["recipient", "Recipient", (p) => p.recipient + " " + p.recipient_province,
        (p) => [el("b", {}, p.recipient), el("br"), el("small", {}, provinceLink(p.recipient_province, p.page))]],
      ["relation", "Relation", (p) => p.relation, (p) => p.relation],
      ["official", "Official programme", (p) => p.official || "", (p) => [p.official || "", badges(p, true)]],
      ["confidence", "Confidence", (p) => p.confidence ?? -1, (p) => p.confidence === null ? "" : p.confidence.toFixed(2)],
      ["published", "Published", (p) => p.published || "", (p) => p.published ? p.published.slice(0, 10) : ""],
      ["evidence", "Evidence", (p) => p.evidence, evidenceCell],
      ["sources", "Sources", (p) => p.sources.length, sourcesCell],
    ],
    relation: (p) => p.relation,
  },
  funding: {
    prefix: "f",
    columns: [
      ["id", "#", (f) => f.id, (f) => f.id],
      ["amount", "Amount", (f) => f.amount, (f) => [el("b", {}, f.amount_text), el("br"), el("small", {}, "“" + f.as_written + "”")]],
      ["kind", "Kind", (f) => f.kind, (f) => [f.kind, f.period ? el("small", {}, " " + f.period) : null]],
      ["donor", "Donor", (f) => f.donor, (f) => [el("b", {}, f.donor), el("br"), el("small", {}, f.donor_province)]],
      ["recipient", "Recipient", (f) => f.recipient,
        (f) => [el("b", {}, f.recipient), el("br"), el("small", {}, provinceLink(f.recipient_province, f.page))]],
      ["confidence", "Confidence", (f) => f.confidence ?? -1,
        (f) => [f.confidence === null ? "" : f.confidence.toFixed(2), badges(f, false)]],
      ["published", "Published", (f) => f.published || "", (f) => f.published ? f.published.slice(0, 10) : ""],
      ["evidence", "Evidence", (f) => f.evidence, evidenceCell],
      ["sources", "Sources", (f) => f.sources.length, sourcesCell],
    ],
    relation: (f) => f.kind,
  },
};

function haystack(item) {
  const parts = [item.donor, item.donor_full || "", item.donor_province, item.recipient, item.recipient_full || "",
    item.recipient_province, item.relation || item.kind || "", item.evidence, item.official || ""];
  for (const s of item.sources) parts.push(s.label, s.where);
  return parts.join("\n").toLowerCase();
}

function setupTable(name) {
  const spec = TABLES[name];
  const rows = DATA[name];
  const table = document.getElementById(name);
  const box = document.querySelector(`.filters[data-table="${name}"]`);
  if (!table || !box) return;
  const text = rows.map(haystack);
  const state = { sortKey: "id", sortDir: 1 };

  const provinces = [...new Set(rows.flatMap((r) => [r.donor_province, r.recipient_province]))].sort();
  for (const p of provinces) box.querySelector(".f-province").append(el("option", { value: p }, p));
  for (const r of [...new Set(rows.map(spec.relation))].sort()) box.querySelector(".f-relation").append(el("option", { value: r }, r));

  const head = el("tr");
  for (const [key, label] of spec.columns) {
    const th = el("th", { "data-key": key, tabindex: "0", "aria-sort": "none" }, label);
    const sortBy = () => {
      state.sortDir = state.sortKey === key ? -state.sortDir : 1;
      state.sortKey = key;
      for (const other of head.children) other.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", state.sortDir > 0 ? "ascending" : "descending");
      draw();
    };
    th.addEventListener("click", sortBy);
    th.addEventListener("keydown", (e) => { if (e.key === "Enter") sortBy(); });
    head.append(th);
  }
  table.tHead.append(head);

  const value = (cls) => { const n = box.querySelector(cls); return n ? n.value : ""; };
  function matches(i) {
    const r = rows[i];
    const q = value(".f-search").trim().toLowerCase();
    if (q && !q.split(/\s+/).every((w) => text[i].includes(w))) return false;
    const prov = value(".f-province");
    if (prov && r.donor_province !== prov && r.recipient_province !== prov) return false;
    const rel = value(".f-relation");
    if (rel && spec.relation(r) !== rel) return false;
    const off = value(".f-official");
    if (off === "official" && !r.official) return false;
    if (off === "new" && !r.new) return false;
    const conf = parseFloat(value(".f-confidence"));
    if (conf > 0 && (r.confidence === null || r.confidence < conf)) return false;
    const min = parseFloat(value(".f-min"));
    if (!Number.isNaN(min) && r.amount < min) return false;
    const max = parseFloat(value(".f-max"));
    if (!Number.isNaN(max) && r.amount > max) return false;
    return true;
  }

  function draw() {
    const col = spec.columns.find((c) => c[0] === state.sortKey);
    const idx = rows.map((_, i) => i).filter(matches);
    idx.sort((a, b) => {
      const x = col[2](rows[a]), y = col[2](rows[b]);
      return (x < y ? -1 : x > y ? 1 : 0) * state.sortDir || rows[a].id - rows[b].id;
    });
    const body = el("tbody");
    for (const i of idx.slice(0, MAX_ROWS)) {
      const r = rows[i];
      const tr = el("tr", { id: `${spec.prefix}-${r.id}`, class: [r.low ? "low" : "", name === "pairings" && r.new ? "new" : ""].join(" ").trim() || null });
      for (const c of spec.columns) {
        const content = c[3](r);
        tr.append(el("td", { class: "c-" + c[0] }, ...(Array.isArray(content) ? content : [content])));
      }
      body.append(tr);
    }
    table.tBodies[0].replaceWith(body);
    const more = idx.length > MAX_ROWS ? ` (first ${MAX_ROWS} shown)` : "";
    document.getElementById(`${name}-count`).textContent = `${idx.length} of ${rows.length}${more}`;
  }

  box.addEventListener("input", draw);
  box.addEventListener("change", draw);
  draw();
}

function charts() {
  if (typeof echarts === "undefined") return; // the tables work without the charts
  const flow = document.getElementById("flow");
  if (flow && DATA.flows.length) {
    const names = [...new Set(DATA.flows.flatMap((l) => [l.source, l.target]))];
    echarts.init(flow).setOption({
      tooltip: { trigger: "item" },
      series: [{ type: "sankey", data: names.map((name) => ({ name })), links: DATA.flows,
        emphasis: { focus: "adjacency" }, lineStyle: { color: "gradient", curveness: 0.5 }, label: { fontSize: 11 } }],
    });
  }
  const byYear = document.getElementById("by-year");
  if (byYear && DATA.by_year.length) {
    // one bar per kind of money (aid, donations, investment brought in...), stacked by year: never one sum
    const years = [...new Set(DATA.by_year.map((d) => d[0]))];
    const kinds = [...new Set(DATA.by_year.map((d) => d[1]))];
    const yuan = new Map(DATA.by_year.map((d) => [d[0] + "|" + d[1], d[2]]));
    echarts.init(byYear).setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 90, right: 20, top: 30, bottom: 30 },
      xAxis: { type: "category", data: years },
      yAxis: { type: "value", axisLabel: { formatter: (v) => (v >= 1e8 ? v / 1e8 + "亿" : v >= 1e4 ? v / 1e4 + "万" : v) } },
      series: kinds.map((k) => ({ type: "bar", stack: "yuan", name: k, data: years.map((y) => yuan.get(y + "|" + k) || 0) })),
    });
  }
}

setupTable("pairings");
setupTable("funding");
charts();
