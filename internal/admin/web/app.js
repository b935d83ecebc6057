// tsymock's admin page. Every value from the server is written with
// textContent (through el), never as markup: requests carry whatever a
// client sent.
"use strict";

const state = { last: 0, selected: 0, tab: "journal", token: "" };
const $ = (sel) => document.querySelector(sel);

// el builds an element; string and number children become text nodes.
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function rows(tbody, list, render) {
  tbody.replaceChildren(...list.map((item) => el("tr", {}, ...render(item).map((c) => el("td", {}, c)))));
}

// The admin token, for a browser that is not on loopback: the page asks
// for it when the server answers 401, once, and keeps it for the tab's
// session (sessionStorage, never the URL, where history and logs would
// keep it), sending it as a header with every request.
const tokenKey = "tsymock-token";

function loadToken() {
  state.token = sessionStorage.getItem(tokenKey) || "";
}

function askToken() {
  const form = $("#token-form");
  if (!form.hidden) return;
  form.hidden = false;
  $("#token-input").focus();
}

function useToken(ev) {
  ev.preventDefault();
  state.token = $("#token-input").value.trim();
  $("#token-input").value = "";
  if (state.token) sessionStorage.setItem(tokenKey, state.token);
  $("#token-form").hidden = true;
  loadApps().catch(() => {});
  loadCatalogue().catch(() => {});
  refresh();
}

// api calls the admin API. A change is sent as JSON (with an empty body
// too): the server refuses changes of the types a page of any site may
// send.
async function api(path, opts = {}) {
  const headers = Object.assign({}, opts.headers || {});
  if (state.token) headers["X-Tsymock-Token"] = state.token;
  if (opts.method && opts.method !== "GET" && !headers["Content-Type"]) headers["Content-Type"] = "application/json";
  const resp = await fetch(path, Object.assign({}, opts, { headers, cache: "no-store" }));
  const text = await resp.text();
  let body = text;
  if ((resp.headers.get("Content-Type") || "").includes("json")) body = text ? JSON.parse(text) : null;
  if (!resp.ok) {
    const msg = body && body.error ? body.error : resp.status + " " + text;
    if (resp.status === 401) {
      sessionStorage.removeItem(tokenKey);
      state.token = "";
      askToken();
    }
    banner(msg);
    throw new Error(msg);
  }
  banner("");
  return body;
}

function banner(msg) {
  const b = $("#banner");
  b.textContent = msg;
  b.hidden = !msg;
}

const sysid = () => $("#sysid").value;
const withSysid = (path) => {
  const id = sysid();
  if (!id) return path;
  return path + (path.includes("?") ? "&" : "?") + "sysid=" + encodeURIComponent(id);
};
const pretty = (v) => (typeof v === "string" ? v : JSON.stringify(v, null, 2));

// ---- journal ----

async function pollJournal() {
  if (!$("#live").checked) return;
  const page = await api(withSysid("journal?limit=200&after=" + state.last));
  const tbody = $("#journal tbody");
  for (const e of page.entries) {
    tbody.prepend(journalRow(e));
    state.last = Math.max(state.last, e.id);
  }
  while (tbody.children.length > 500) tbody.lastChild.remove();
}

// callName is what an entry was: a call's Service.method, or a page
// request's "page Service.method action".
function callName(e) {
  const name = e.service ? e.service + "." + e.method : "(no req)";
  if (e.kind !== "page") return name;
  return "page " + name + (e.action ? " " + e.action : "");
}

// chinaTime writes an instant as the header's clock does: the time of day
// in China, 24-hour, the zone of every timestamp the spec writes (§3.1),
// whatever the browser's own zone is.
function chinaTime(iso) {
  return new Date(iso).toLocaleTimeString("en-GB", { timeZone: "Asia/Shanghai", hour12: false });
}

function journalRow(e) {
  const call = callName(e);
  const outcome = e.portability
    ? el("span", { class: e.outcome + " portability", title: "would fail on the real test environment" }, e.outcome + " ⚠")
    : el("span", { class: e.outcome }, e.outcome);
  const cells = [e.id, chinaTime(e.serverTime), e.sysid, call,
    outcome, e.errorCode || "", e.rule || e.fault || "", e.durationMs.toFixed(1)];
  const tr = el("tr", { dataset: { id: e.id, call }, onclick: () => showEntry(e.id) },
    ...cells.map((c) => el("td", {}, c)));
  if (e.id === state.selected) tr.classList.add("selected");
  return tr;
}

async function showEntry(id) {
  state.selected = id;
  for (const tr of document.querySelectorAll("#journal tbody tr")) {
    tr.classList.toggle("selected", Number(tr.dataset.id) === id);
  }
  const e = await api("journal/" + id);
  const sig = e.signature;
  const section = (title, value) => [el("h3", {}, title), el("pre", {}, pretty(value))];
  $("#detail").replaceChildren(...[
    el("h2", {}, "#" + e.id + " " + callName(e)),
    e.kind === "page" ? el("p", { id: "detail-page" }, "page " + e.page + ", HTTP " + e.httpStatus + (e.response ? " to " + e.response : "")) : null,
    el("p", {}, e.httpMethod + " from " + e.remote + " at " + e.time + " (server clock " + e.serverTime + "), " + e.duration),
    el("p", { class: e.outcome, id: "detail-outcome" }, e.outcome + (e.errorCode ? " " + e.errorCode + " " + e.message : "")),
    e.rule ? el("p", {}, "rule: " + e.rule) : null,
    e.fault ? el("p", { class: "fault" }, "fault: " + e.fault) : null,
    ...portabilityNotes(e.portability),
    el("h3", {}, "Signature"),
    el("p", { class: sig.verdict, id: "detail-signature" }, sig.verdict + (sig.diagnosis ? ": " + sig.diagnosis : "")),
    sig.verifiedText ? el("p", {}, "Base64(MD5(sysid+req+timestamp)) = " + sig.verifiedText + ", key " + sig.key) : null,
    ...section("Raw parameters", e.raw),
    ...section("Decoded req", e.req || "(req is not JSON)"),
    ...(e.answer ? section("Answer (signedValue)", e.answer) : []),
    ...(e.emulated ? section("Emulated first, not sent: the rule answered instead", e.emulated) : []),
    ...(e.kind === "page" ? [] : section("Response (HTTP " + e.httpStatus + ")", e.response || "(nothing)")),
    ...(e.upstream ? section("Upstream (" + e.upstream.mode + ")", e.upstream) : []),
  ].filter((c) => c !== null));
}

// portabilityNotes shows what tsymock let pass that the real test
// environment refuses, one item per note (nothing for a portable call).
function portabilityNotes(notes) {
  if (!notes) return [];
  return [el("h3", { class: "portability" }, "Would fail on the real test environment (--strict refuses it)"),
    el("ul", { id: "detail-portability" }, ...notes.map((p) =>
      el("li", {}, p.rule + " (the real test environment answers " + p.code + "): " + p.message)))];
}

// ---- state ----

async function loadState() {
  const id = await stateSysid();
  const hint = $("#state-hint");
  hint.textContent = sysid() ? "" : id ? "The only application, " + id + "; pick another above when there are more."
    : "Pick an application (sysid) above.";
  hint.hidden = !hint.textContent;
  if (!id) return;
  const s = await api("state/" + encodeURIComponent(id));
  rows($("#members tbody"), s.members, (m) => [m.bizUserId, m.userId, m.memberType, m.phone || "",
    m.realName ? m.name : "no", m.identityNo || "", m.cards, m.locked ? "locked" : "", companyAudit(m)]);
  rows($("#cards tbody"), s.cards, (c) => [c.bizUserId, c.cardNo, c.bankName, c.phone, c.safeCard ? "yes" : ""]);
  rows($("#orders tbody"), s.orders, (o) => [o.bizOrderNo, o.orderNo, o.kind, o.payer || "", o.amount, o.fee,
    o.statusName, o.errorCode ? o.errorCode + " " + o.errorMessage : ""]);
  rows($("#balances tbody"), s.balances, (b) => [b.owner, b.accountSetNo, b.allAmount, b.freezenAmount, b.availableAmount]);
}

// stateSysid is the application whose state the tab shows: the one
// picked, or the only one the server knows (make run's demo app), so that
// a newcomer's first look is not an empty page.
async function stateSysid() {
  if (sysid()) return sysid();
  const apps = await api("apps");
  return apps.length === 1 ? apps[0].sysid : "";
}

// companyAudit is an enterprise's audit (spec §6.8), with the back
// office's buttons while it is pending (--company-audit manual).
const auditNames = { 1: "pending", 2: "approved", 3: "rejected" };

function companyAudit(m) {
  if (!m.companyAudit) return "";
  if (m.companyAudit !== 1) return auditNames[m.companyAudit] || String(m.companyAudit);
  const decide = (decision) => () => decideAudit(m.bizUserId, decision).catch(() => {});
  return el("span", { class: "audit" }, "pending ",
    el("button", { type: "button", class: "approve", onclick: decide("approve") }, "Approve"),
    el("button", { type: "button", class: "reject", onclick: decide("reject") }, "Reject"));
}

// decideAudit is the back office's decision (POST company-audit); a
// rejection asks for its failReason.
async function decideAudit(bizUserId, decision) {
  const body = { bizUserId, decision };
  if (decision === "reject") {
    const reason = prompt("failReason for " + bizUserId, "企业信息审核不通过");
    if (reason === null) return;
    body.failReason = reason;
  }
  await api(withSysid("company-audit"), { method: "POST", body: JSON.stringify(body) });
  await loadState();
}

// ---- notifications ----

async function loadNotifications() {
  const list = await api(withSysid("notifications"));
  rows($("#notifications tbody"), list, (n) => {
    const attempts = n.attempts || []; // null before the first attempt
    const last = attempts.length ? attempts[attempts.length - 1] : null;
    const answer = last ? (last.status || "no answer") + (last.error ? " " + last.error : "") +
      (last.answer ? " " + last.answer : "") : ""; // a back-fill's answer: the order booked or declined
    const button = el("button", { type: "button", class: "redeliver", dataset: { id: n.id },
      onclick: () => redeliver(n.id) }, "Redeliver");
    const call = n.kind === "backfill" ? "order back-fill, trxid " + n.form.trxid : n.service + "." + n.method;
    return [n.id, n.sysid, call, n.status, n.state,
      attempts.length + " of " + n.maxAttempts, answer, n.backUrl || n.reason || "", button];
  });
}

async function redeliver(id) {
  await api("notifications/" + encodeURIComponent(id) + "/redeliver", { method: "POST" }).catch(() => {});
  await loadNotifications();
}

// ---- scenarios ----

async function loadRules() {
  const list = await api(withSysid("scenarios"));
  rows($("#rules tbody"), list.rules, (r) => {
    const remove = r.added ? el("button", { type: "button", onclick: () => removeRule(r.id) }, "Remove") : "";
    const uses = r.uses + (r.times ? " of " + r.times : "") + (r.retired ? " (retired)" : "");
    return [r.id, r.when, r.answer, uses, (r.sysids || []).join(", ") || "all", remove];
  });
}

async function removeRule(id) {
  await api("scenarios?id=" + encodeURIComponent(id), { method: "DELETE" });
  await loadRules();
}

// The arm form's services and methods come from the catalogue, as the
// coverage report lists it.
async function loadCatalogue() {
  const reports = await api("coverage?sysid=" + encodeURIComponent(sysid() || "catalogue"));
  const methods = reports[0].methods.filter((m) => !m.pageFlow);
  const services = [...new Set(methods.map((m) => m.service))];
  const svc = $("#arm-service");
  svc.replaceChildren(...services.map((s) => el("option", { value: s }, s)));
  const fill = () => $("#arm-method").replaceChildren(...methods.filter((m) => m.service === svc.value)
    .map((m) => el("option", { value: m.method }, m.method)));
  svc.onchange = fill;
  fill();
}

async function arm(ev) {
  ev.preventDefault();
  const error = { code: $("#arm-code").value.trim() };
  if ($("#arm-message").value.trim()) error.message = $("#arm-message").value.trim();
  const rule = { name: "armed from the web page", when: { service: $("#arm-service").value, method: $("#arm-method").value },
    respond: { error }, times: Number($("#arm-times").value) || 1 };
  const out = $("#arm-result");
  try {
    const res = await api(withSysid("arm"), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(rule) });
    out.textContent = "armed for " + (sysid() || "every application") + ": " + res.ids.join(", ");
  } catch (e) {
    out.textContent = e.message;
  }
  await loadRules();
}

// ---- compare ----

async function loadCompare() {
  const r = await api(withSysid("compare"));
  $("#compare-summary").textContent = r.enabled
    ? r.compared + " calls compared with " + r.upstream + ", " + r.differed + " differed, " +
      r.upstreamErrors + " without an upstream answer, " + r.skipped + " skipped"
    : "Compare mode is off: start tsymock with --upstream URL --compare.";
  const show = (v) => (v === undefined || v === null ? "(none)" : JSON.stringify(v));
  rows($("#gaps tbody"), r.gaps, (g) => [g.call, g.path, g.kind, g.count, show(g.local), show(g.upstream),
    el("a", { href: "#journal", onclick: () => setTimeout(() => showEntry(g.lastJournal), 0) }, "#" + g.lastJournal)]);
  rows($("#compared tbody"), r.calls, (c) => [c.call, c.compared, c.differed, c.upstreamErrors, c.skipped]);
}

// ---- coverage, apps, clock ----

async function loadCoverage() {
  $("#coverage").textContent = await api(withSysid("coverage?format=text"));
}

async function loadApps() {
  const apps = await api("apps");
  const select = $("#sysid");
  const known = new Set([...select.options].map((o) => o.value));
  for (const a of apps) {
    if (!known.has(a.sysid)) select.append(el("option", { value: a.sysid }, a.sysid + " (" + a.origin + ")"));
  }
}

async function loadClock() {
  const c = await api("clock");
  $("#clock").textContent = c.china;
}

async function reset() {
  const id = sysid();
  if (!confirm("Reset " + (id || "every application") + "?")) return;
  await api(withSysid("reset"), { method: "POST" });
  clearJournal();
  refresh();
}

function clearJournal() {
  state.last = 0;
  $("#journal tbody").replaceChildren();
}

// ---- tabs and polling ----

const loaders = { journal: pollJournal, state: loadState, notifications: loadNotifications, scenarios: loadRules,
  coverage: loadCoverage, compare: loadCompare };

function showTab() {
  state.tab = (location.hash || "#journal").slice(1);
  if (!loaders[state.tab]) state.tab = "journal";
  for (const s of document.querySelectorAll(".tab")) s.hidden = s.id !== "tab-" + state.tab;
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.dataset.tab === state.tab);
  refresh();
}

function refresh() {
  loaders[state.tab]().catch(() => {});
}

function start() {
  loadToken();
  $("#sysid").addEventListener("change", () => { clearJournal(); loadCatalogue().catch(() => {}); refresh(); });
  $("#reset").addEventListener("click", () => reset().catch(() => {}));
  $("#deliver-pending").addEventListener("click", () =>
    api("notifications/deliver", { method: "POST" }).then(loadNotifications).catch(() => {}));
  $("#arm-form").addEventListener("submit", arm);
  $("#token-form").addEventListener("submit", useToken);
  window.addEventListener("hashchange", showTab);
  loadApps().catch(() => {});
  loadCatalogue().catch(() => {});
  loadClock().catch(() => {});
  showTab();
  setInterval(() => { if (state.tab === "journal") refresh(); }, 1000);
  setInterval(() => { if (state.tab !== "journal" && state.tab !== "scenarios") refresh(); }, 3000);
  setInterval(() => { loadApps().catch(() => {}); loadClock().catch(() => {}); }, 5000);
}

start();
