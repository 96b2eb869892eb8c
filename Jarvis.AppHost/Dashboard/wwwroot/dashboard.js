"use strict";
// Polls the AppHost's JSON view; no framework, no inline script (the page's CSP forbids it).
let selected = null;
let lastSequence = 0;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) node.append(child);
  return node;
}

async function act(name, action) {
  await fetch(`/api/resources/${encodeURIComponent(name)}/${action}`, {
    method: "POST",
    headers: { "X-Dashboard-Action": "1" },
  });
  refresh();
}

function select(name) {
  selected = name;
  lastSequence = 0;
  document.getElementById("log").textContent = "";
  document.getElementById("log-name").textContent = name;
  document.getElementById("log-panel").hidden = false;
  refresh();
}

function row(resource) {
  const replicas = resource.replicas;
  const tr = el("tr", { className: resource.name === selected ? "selected" : "" },
    el("td", { className: "name" }, el("button", { textContent: resource.name, onclick: () => select(resource.name) })),
    el("td", { textContent: resource.kind }),
    el("td", { className: `state-${resource.state}`, textContent: resource.state + (resource.error ? ` — ${resource.error}` : "") }),
    el("td", { className: `health-${resource.health}`, textContent: resource.health }),
    el("td", { textContent: replicas.map(r => r.pid ?? "–").join(", ") }),
    el("td", {}, ...replicas.flatMap(r => r.endpoints).map(e => el("div", {}, e.startsWith("http") ? el("a", { href: e, textContent: e, target: "_blank", rel: "noopener" }) : e))),
    el("td", { textContent: String(resource.restarts) }),
    el("td", { className: "actions" },
      ...["stop", "start", "restart"].map(a => el("button", { textContent: a, onclick: () => act(resource.name, a) }))));
  return tr;
}

async function refreshLog() {
  if (!selected) return;
  const response = await fetch(`/api/resources/${encodeURIComponent(selected)}/logs?after=${lastSequence}`);
  if (!response.ok) return;
  const lines = await response.json();
  const log = document.getElementById("log");
  const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
  for (const line of lines) {
    lastSequence = line.sequence;
    const text = `${line.time.substring(11, 19)} [${line.replica}] ${line.text}\n`;
    log.append(line.isError ? el("span", { className: "err", textContent: text }) : text);
  }
  if (atBottom) log.scrollTop = log.scrollHeight;
}

async function refresh() {
  const response = await fetch("/api/resources");
  if (response.status === 401) {
    document.body.textContent = "Log in with the dashboard URL printed by the AppHost at start.";
    return;
  }
  const model = await response.json();
  const links = document.getElementById("links");
  links.replaceChildren(
    ...(model.application ? [el("a", { href: model.application, textContent: "Open Jarvis", target: "_blank", rel: "noopener" })] : []),
    ...(model.prometheus ? [el("a", { href: model.prometheus, textContent: "Prometheus", target: "_blank", rel: "noopener" })] : []));
  document.querySelector("#resources tbody").replaceChildren(...model.resources.map(row));
  await refreshLog();
}

refresh();
setInterval(refresh, 1000);
