// wtlint's page: the form, the file upload and their results, over the JSON API of this server.
// Plain JavaScript, no build step, no third-party code: it works offline.
"use strict";

const state = { limits: {}, rules: {}, examples: {}, lastFileRequest: null, rows: [], sort: null };
const SEVERITY_ORDER = { error: 3, warning: 2, info: 1, ok: 0 };
const SEVERITY_LABEL = { error: "Error", warning: "Warning", info: "Info", ok: "No findings" };
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

// --- small DOM helpers -------------------------------------------------------------------------

/** An element with attributes (`class`, `text`, `on<event>`, others as attributes) and children. */
function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") element.className = value;
    else if (key === "text") element.textContent = value;
    else if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) element.append(child);
  }
  return element;
}

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));
const characters = (text) => Array.from(text || "").length; // code points, as Meta and Python count

function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

// --- talking to the server ---------------------------------------------------------------------

class ApiError extends Error {}

async function post(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError("Could not reach the wtlint server. Is 'wtlint serve' still running?");
  }
  if (response.ok) return response;
  let detail = `The server answered ${response.status}.`;
  try {
    const answer = await response.json();
    if (answer.detail) detail = typeof answer.detail === "string" ? answer.detail : JSON.stringify(answer.detail);
  } catch (error) {
    // not JSON: keep the status line
  }
  throw new ApiError(sentence(detail));
}

function sentence(text) {
  return text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? "" : ".");
}

function showError(box, message) {
  box.textContent = message;
  box.hidden = !message;
}

// --- tabs --------------------------------------------------------------------------------------

function setUpTabs() {
  const tabs = $$('[role="tab"]');
  const select = (tab) => {
    for (const other of tabs) {
      const chosen = other === tab;
      other.setAttribute("aria-selected", String(chosen));
      other.tabIndex = chosen ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !chosen;
    }
    tab.focus();
  };
  tabs.forEach((tab, index) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) select(tabs[(index + step + tabs.length) % tabs.length]);
    });
  });
}

// --- character counters and example values -------------------------------------------------------

function updateCounter(input) {
  const limit = state.limits[input.dataset.limit];
  const counter = input.closest(".field").querySelector(".count");
  if (!limit || !counter) return;
  const used = characters(input.value);
  const over = used - limit;
  counter.textContent = over > 0 ? `${used} / ${limit} characters: ${over} too many` : `${used} / ${limit} characters`;
  if (input.dataset.limit === "body" && over <= 0 && used > state.limits.body_strict) {
    counter.textContent += ` (over ${state.limits.body_strict}: long for UTILITY and MARKETING)`;
  }
  counter.classList.toggle("over", over > 0);
}

function placeholders(text) {
  const found = [];
  for (const match of (text || "").matchAll(PLACEHOLDER)) {
    if (!found.includes(match[1])) found.push(match[1]);
  }
  const numbered = found.filter((key) => /^\d+$/.test(key)).sort((a, b) => a - b);
  return numbered.length === found.length ? numbered : found;
}

function rememberExamples() {
  for (const input of $$("#example-inputs input")) state.examples[input.dataset.key] = input.value;
}

function renderExampleInputs() {
  rememberExamples();
  const keys = placeholders($("#f-body").value);
  const box = $("#example-inputs");
  box.replaceChildren(...keys.map((key) => h("div", { class: "field inline" },
    h("label", { for: `example-${key}`, text: `{{${key}}}` }),
    h("input", { id: `example-${key}`, "data-key": key, value: state.examples[key] || "" }))));
  $("#examples").hidden = keys.length === 0;
  $("#header-example-field").hidden = placeholders($("#f-header").value).length === 0;
}

// --- buttons -----------------------------------------------------------------------------------

let buttonCount = 0;

function addButton(values = {}) {
  const row = $("#button-row").content.firstElementChild.cloneNode(true);
  const id = `b${buttonCount++}`;
  for (const input of $$("[data-name]", row)) {
    input.id = `${id}-${input.dataset.name}`;
    input.name = input.dataset.name;
    if (values[input.dataset.name]) input.value = values[input.dataset.name];
  }
  for (const label of $$("label[data-for]", row)) label.htmlFor = `${id}-${label.dataset.for}`;
  $("select", row).addEventListener("change", () => showButtonFields(row));
  $(".remove", row).addEventListener("click", () => {
    row.remove();
    numberButtons();
    $("#add-button").focus();
  });
  $("#button-list").append(row);
  showButtonFields(row);
  numberButtons();
  for (const input of $$("[data-limit]", row)) {
    input.addEventListener("input", () => updateCounter(input));
    updateCounter(input);
  }
  return row;
}

function showButtonFields(row) {
  const type = $("select", row).value;
  for (const field of $$("[data-when]", row)) field.hidden = !field.dataset.when.split(" ").includes(type);
}

function numberButtons() {
  $$("#button-list > li").forEach((row, index) => {
    $(".remove", row).setAttribute("aria-label", `Remove button ${index + 1}`);
    $("select", row).setAttribute("aria-label", `Button ${index + 1} type`);
  });
  $("#add-button").disabled = $$("#button-list > li").length >= (state.limits.buttons || 10);
}

// --- the form as the API's template, and back ----------------------------------------------------

function formFields() {
  rememberExamples();
  const keys = placeholders($("#f-body").value);
  const named = keys.some((key) => !/^\d+$/.test(key));
  const examples = named ? Object.fromEntries(keys.map((key) => [key, state.examples[key] || ""]))
    : keys.map((key) => state.examples[key] || "");
  const hasAny = named ? Object.values(examples).some(Boolean) : examples.some(Boolean);
  return {
    name: $("#f-name").value.trim(),
    language: $("#f-language").value.trim(),
    category: $("#f-category").value,
    header: $("#f-header").value,
    header_example: $("#f-header").value && !$("#header-example-field").hidden ? $("#f-header-example").value : "",
    body: $("#f-body").value,
    examples: hasAny ? examples : [],
    footer: $("#f-footer").value,
    buttons: $$("#button-list > li").map((row) => {
      const type = $("select", row).value;
      const value = (name) => {
        const field = $(`[data-name="${name}"]`, row).closest(".field");
        return field.hidden ? "" : $(`[data-name="${name}"]`, row).value;
      };
      return { type, text: value("text"), url: value("url"), phone_number: value("phone_number"), example: value("example") };
    }),
  };
}

function fillForm(fields) {
  $("#f-name").value = fields.name || "";
  $("#f-language").value = fields.language || "";
  const category = $("#f-category");
  category.value = fields.category || "";
  if (category.value !== (fields.category || "")) {
    category.append(h("option", { value: fields.category, text: fields.category }));
    category.value = fields.category;
  }
  $("#f-header").value = fields.header || "";
  $("#f-header-example").value = fields.header_example || "";
  $("#f-body").value = fields.body || "";
  $("#f-footer").value = fields.footer || "";
  state.examples = {};
  const examples = fields.examples || [];
  if (Array.isArray(examples)) examples.forEach((value, index) => { state.examples[String(index + 1)] = value; });
  else Object.assign(state.examples, examples);
  $("#example-inputs").replaceChildren();
  $("#button-list").replaceChildren();
  for (const button of fields.buttons || []) addButton(button);
  renderExampleInputs();
  $$("#template-form [data-limit]").forEach(updateCounter);
}

// --- linting the form --------------------------------------------------------------------------

async function checkTemplate(event) {
  if (event) event.preventDefault();
  const status = $("#one-status");
  showError($("#one-error"), "");
  status.textContent = "Checking...";
  try {
    const response = await post("/api/lint", { template: formFields() });
    const report = await response.json();
    renderReport(report);
    const count = report.summary.problems;
    status.textContent = count ? `Done: ${plural(count, "finding")}.` : "Done: no findings.";
  } catch (error) {
    status.textContent = "";
    showError($("#one-error"), error instanceof ApiError ? error.message : String(error));
  }
}

function renderReport(report) {
  const template = report.templates[0] || { texts: {} };
  const findings = report.findings.map((finding, index) => ({ ...finding, number: index + 1 }));
  $("#one-summary").textContent = summaryText(report.summary);
  renderGauge(template.classification);
  renderPreview(template, findings);
  $("#findings").replaceChildren(...findings.map(findingItem));
  markFormFields(findings);
  $("#one-report").hidden = false;
}

function summaryText(summary) {
  if (!summary.problems) return "No findings: wtlint expects Meta to accept this template as it is.";
  const parts = ["error", "warning", "info"].filter((s) => summary.by_severity[s])
    .map((s) => (s === "info" ? `${summary.by_severity[s]} info` : plural(summary.by_severity[s], s)));
  const verdict = summary.by_severity.error ? " Meta would reject it as it is." : "";
  return `${parts.join(", ")}.${verdict}`;
}

function renderGauge(classification) {
  const gauge = $("#gauge");
  gauge.hidden = !classification;
  if (!classification) return;
  const marketing = Math.round(classification.probabilities.MARKETING * 100);
  const threshold = Math.round(classification.threshold * 100);
  const above = marketing >= threshold;
  const fill = h("div", { class: `fill${above ? " above" : ""}` });
  fill.style.width = `${marketing}%`;
  const line = h("div", { class: "threshold", title: `threshold ${threshold}%` });
  line.style.left = `${threshold}%`;
  const phrases = classification.marketing_phrases || [];
  gauge.replaceChildren(
    h("h3", { text: "Will Meta read it as advertising (MARKETING)?" }),
    h("div", {
      class: "meter", role: "meter", "aria-valuemin": "0", "aria-valuemax": "100",
      "aria-valuenow": String(marketing), "aria-valuetext": `${marketing}% MARKETING`,
      "aria-label": "How much it reads as MARKETING",
    }, fill, line),
    h("p", { class: "gauge-text" }, h("strong", { text: `${marketing}% MARKETING. ` }),
      above ? `At ${threshold}% or more wtlint expects Meta to treat it as MARKETING (billed as marketing, sent only to customers who opted in).`
        : `Below the ${threshold}% line: it reads as ${classification.predicted}.`),
    phrases.length ? h("p", {}, "Words that push it towards MARKETING (dotted underline in the text below): ",
      ...phrases.map((phrase) => h("mark", { class: "phrase-chip", text: phrase.text }))) : null,
  );
}

// --- highlighting findings in place --------------------------------------------------------------

const TEXT_LABELS = [
  [/^\/header$/, "Header"], [/^\/body$/, "Message"], [/^\/footer$/, "Footer"],
  [/^\/name$/, "Name"], [/^\/language$/, "Language"], [/^\/category$/, "Category"],
];

function fieldLabel(pointer) {
  for (const [pattern, label] of TEXT_LABELS) if (pattern.test(pointer)) return label;
  const button = /^\/buttons\/(\d+)(?:\/(\w+))?/.exec(pointer);
  if (button) {
    const part = { text: "label", url: "web address", phone_number: "phone number", example: "example" }[button[2]];
    return `Button ${Number(button[1]) + 1}${part ? ` ${part}` : ""}`;
  }
  if (pointer.startsWith("/examples")) return "Example values";
  if (pointer.startsWith("/header_example")) return "Header example";
  return "The whole template";
}

/** `text` split where findings and phrases start and end, each piece marked with what covers it.
 * Offsets count code points, as the server does: an emoji is one character, not two. */
function highlighted(text, ranges) {
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  for (const range of ranges) cuts.add(range.start).add(range.end);
  const points = Array.from(cuts).filter((p) => p >= 0 && p <= chars.length).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    out.push(...ranges.filter((r) => r.number && r.start === from).map(refLink));
    const piece = chars.slice(from, to).join("");
    const covering = ranges.filter((r) => r.start <= from && to <= r.end);
    if (!covering.length) {
      out.push(piece);
      continue;
    }
    const findings = covering.filter((r) => r.number);
    const worst = findings.sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity])[0];
    const classes = Array.from(new Set(covering.map((r) => r.class))).join(" ");
    out.push(h("mark", { class: classes, title: worst ? worst.title : "pushes towards MARKETING" }, piece));
  }
  out.push(...ranges.filter((r) => r.number && r.start >= chars.length).map(refLink));
  return out;
}

function refLink(range) {
  return h("a", { class: `ref sev-${range.severity}`, href: `#finding-${range.number}`, "aria-label": `finding ${range.number}` },
    String(range.number));
}

function rangesFor(pointer, text, findings, phrases) {
  const length = characters(text);
  const ranges = [];
  for (const finding of findings) {
    if (finding.pointer !== pointer) continue;
    const whole = finding.end <= finding.start;
    ranges.push({
      start: whole ? 0 : Math.min(finding.start, length),
      end: whole ? length : Math.min(finding.end, length),
      number: finding.number, severity: finding.severity, class: `hl sev-${finding.severity}`,
      title: `${finding.code}: ${finding.message}`,
    });
  }
  for (const phrase of phrases) {
    if (phrase.pointer === pointer) ranges.push({ start: phrase.start, end: phrase.end, class: "phrase" });
  }
  return ranges;
}

function renderPreview(template, findings) {
  const phrases = (template.classification && template.classification.marketing_phrases) || [];
  const texts = { ...template.texts, "/name": template.template || "", "/language": template.language || "", "/category": template.category || "" };
  const used = new Set();
  const line = (pointer, className, label) => {
    if (!(pointer in texts)) return null;
    findings.filter((f) => f.pointer === pointer).forEach((f) => used.add(f.number));
    const text = texts[pointer];
    const content = text ? highlighted(text, rangesFor(pointer, text, findings, phrases))
      : [h("span", { class: "empty", text: "(empty)" }), ...findings.filter((f) => f.pointer === pointer).map(refLink)];
    return h("div", { class: `p-line ${className}`, "data-pointer": pointer },
      label ? h("span", { class: "p-label", text: `${label}: ` }) : null, h("span", { class: "p-text" }, content));
  };
  const buttons = Object.keys(texts).filter((p) => /^\/buttons\/\d+\//.test(p))
    .map((p) => Number(/\d+/.exec(p)[0])).filter((v, i, all) => all.indexOf(v) === i).sort((a, b) => a - b);
  const bubble = h("div", { class: "bubble" },
    line("/header", "p-header"), line("/body", "p-body"), line("/footer", "p-footer"),
    buttons.length ? h("ul", { class: "p-buttons", "aria-label": "Buttons" }, buttons.map((i) => h("li", {},
      line(`/buttons/${i}/text`, "p-button"), line(`/buttons/${i}/url`, "p-url")))) : null);
  const meta = h("div", { class: "p-meta" }, line("/name", "", "Name"), line("/language", "", "Language"), line("/category", "", "Category"));
  const elsewhere = findings.filter((f) => !used.has(f.number));
  const others = elsewhere.length ? h("p", { class: "p-other" },
    "Findings about other parts (example values, buttons, the template as a whole): ",
    elsewhere.map((f) => refLink(f))) : null;
  $("#preview").replaceChildren(...[meta, bubble, others].filter(Boolean));
}

function findingItem(finding) {
  const rule = state.rules[finding.code];
  const suggestion = finding.suggestion ? h("p", { class: "fix" }, h("strong", { text: "Suggestion: " }), finding.suggestion.title) : null;
  return h("li", { id: `finding-${finding.number}`, class: `finding sev-${finding.severity}`, tabindex: "-1" },
    h("span", { class: `ref sev-${finding.severity}`, "aria-hidden": "true", text: String(finding.number) }),
    h("div", { class: "finding-body" },
      h("p", { class: "finding-head" },
        h("span", { class: `sev sev-${finding.severity}`, text: SEVERITY_LABEL[finding.severity] }), " ",
        h("a", { href: finding.documentation, target: "_blank", rel: "noopener", class: "code" },
          `${finding.code} ${finding.name}`, h("span", { class: "visually-hidden", text: " (rule documentation, opens in a new tab)" })),
        h("span", { class: "where", text: ` in ${fieldLabel(finding.pointer).toLowerCase()}` })),
      h("p", { class: "message", text: sentence(finding.message) }),
      rule ? h("p", { class: "explain", text: rule.summary }) : null,
      suggestion));
}

function markFormFields(findings) {
  const inputFor = (pointer) => {
    const simple = { "/name": "#f-name", "/language": "#f-language", "/category": "#f-category", "/header": "#f-header", "/body": "#f-body", "/footer": "#f-footer", "/header_example": "#f-header-example" }[pointer];
    if (simple) return $(simple);
    const button = /^\/buttons\/(\d+)(?:\/(\w+))?/.exec(pointer);
    if (!button) return null;
    const row = $$("#button-list > li")[Number(button[1])];
    return row ? $(`[data-name="${button[2] || "type"}"]`, row) || $("select", row) : null;
  };
  $$("#template-form [aria-invalid]").forEach((input) => input.removeAttribute("aria-invalid"));
  for (const finding of findings) {
    const input = inputFor(finding.pointer);
    if (input && finding.severity === "error") input.setAttribute("aria-invalid", "true");
  }
}

// --- rewording ---------------------------------------------------------------------------------

async function suggestRewording() {
  const status = $("#one-status");
  showError($("#one-error"), "");
  status.textContent = "Looking for a rewording...";
  try {
    const response = await post("/api/suggest", { template: formFields() });
    const answer = await response.json();
    renderRewording(answer.suggestions && answer.suggestions[0]);
    status.textContent = "Rewording ready.";
  } catch (error) {
    status.textContent = "";
    showError($("#one-error"), error instanceof ApiError ? error.message : String(error));
  }
}

function renderRewording(suggestion) {
  $("#rewording").hidden = false;
  if (!suggestion) {
    $("#rewording-body").replaceChildren(h("p", { text: "There is no template to reword." }));
    return;
  }
  const percent = (value) => `${Math.round((value || 0) * 100)}%`;
  const parts = [h("p", { class: "summary", text: sentence(suggestion.reason) })];
  if (suggestion.action === "reword") {
    parts.push(h("p", { text: `Reads as MARKETING: ${percent(suggestion.probability_before)} before, `
      + `${percent(suggestion.probability_after)} after (the line is ${percent(suggestion.threshold)}).` }));
  }
  if (suggestion.rule_errors && suggestion.rule_errors.length) {
    parts.push(h("p", { class: "error", text: `The rewording still has errors to fix: ${suggestion.rule_errors.join("; ")}` }));
  }
  if (suggestion.changes && suggestion.changes.length) {
    parts.push(h("h3", { text: "What changes and why" }), h("ul", { class: "changes" },
      suggestion.changes.map((change) => h("li", {}, sentence(change.what), change.why ? ` (${change.why})` : ""))));
  }
  if (suggestion.diff) parts.push(h("h3", { text: "Before and after" }), diffView(suggestion.diff));
  if (suggestion.form) {
    parts.push(h("div", { class: "actions" },
      h("button", { type: "button", id: "use-rewording", onclick: () => useRewording(suggestion.form) }, "Use this"),
      h("button", { type: "button", class: "secondary", id: "copy-rewording",
        onclick: (event) => copyText(plainText(suggestion.form), event.target) }, "Copy the reworded text")));
  } else if (suggestion.action === "recategorise") {
    parts.push(h("div", { class: "actions" }, h("button", { type: "button", id: "use-marketing",
      onclick: () => useRewording({ ...formFields(), category: "MARKETING" }) }, "Declare it MARKETING")));
  }
  $("#rewording-body").replaceChildren(...parts);
}

function diffView(diff) {
  const lines = diff.replace(/\n$/, "").split("\n").map((text) => {
    const kind = text.startsWith("+++") || text.startsWith("---") ? "file"
      : text.startsWith("@@") ? "hunk" : text.startsWith("+") ? "add" : text.startsWith("-") ? "del" : "same";
    const label = { add: "added: ", del: "removed: " }[kind];
    return h("span", { class: `diff-${kind}` }, label ? h("span", { class: "visually-hidden", text: label }) : null, `${text}\n`);
  });
  return h("pre", { class: "diff", tabindex: "0", "aria-label": "Differences between your template and the rewording" }, lines);
}

function plainText(fields) {
  return [fields.header, fields.body, fields.footer].filter(Boolean).join("\n\n");
}

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (error) {
    const area = h("textarea", { class: "visually-hidden" });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  button.textContent = "Copied";
  setTimeout(() => { button.textContent = "Copy the reworded text"; }, 2000);
}

function useRewording(fields) {
  fillForm(fields);
  $("#rewording").hidden = true;
  $("#f-body").focus();
  checkTemplate();
}

// --- a file of templates -----------------------------------------------------------------------

async function chosenFile() {
  const file = $("#file-input").files[0];
  if (!file) {
    const content = $("#file-text").value;
    if (!content.trim()) throw new ApiError("Choose a file or paste its content first.");
    return { name: "pasted", content };
  }
  if (state.limits.max_request_bytes && file.size > state.limits.max_request_bytes) {
    throw new ApiError(`This file is ${(file.size / 1048576).toFixed(1)} MiB; the page takes up to ${state.limits.max_request_bytes / 1048576} MiB. Split it, or use the wtlint command.`);
  }
  try {
    return { name: file.name, content: new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer()) };
  } catch (error) {
    throw new ApiError("This file is not UTF-8 text. Save it as UTF-8 (in Excel: 'CSV UTF-8') and try again.");
  }
}

async function checkFile(event) {
  event.preventDefault();
  const status = $("#file-status");
  showError($("#file-error"), "");
  status.textContent = "Checking...";
  try {
    const request = { file: await chosenFile() };
    const report = await (await post("/api/lint", request)).json();
    state.lastFileRequest = request;
    renderFileReport(report);
    status.textContent = `Done: ${plural(report.summary.templates, "template")}, ${plural(report.summary.problems, "finding")}.`;
  } catch (error) {
    status.textContent = "";
    showError($("#file-error"), error instanceof ApiError ? error.message : String(error));
  }
}

function renderFileReport(report) {
  const { summary } = report;
  $("#file-summary").textContent = `${plural(summary.templates, "template")} read. ${summaryText(summary)}`;
  $("#file-errors").replaceChildren(...report.errors.map((error) => h("li", {
    text: `Could not read line ${error.line}, column ${error.column}: ${error.message}`,
  })));
  state.rows = tableRows(report);
  state.sort = null;
  $$("#file-table th").forEach((th) => th.removeAttribute("aria-sort"));
  $("#file-table tbody").replaceChildren(...state.rows.map((row) => row.element));
  applyFilter();
  $("#file-report").hidden = false;
}

function tableRows(report) {
  const byIndex = new Map(report.templates.map((t) => [t.index, t]));
  const name = (template, index) => (template && template.template) || `#${index + 1}`;
  const marketing = (template) => (template && template.classification ? template.classification.probabilities.MARKETING : null);
  const rows = report.findings.map((finding) => {
    const template = byIndex.get(finding.index);
    return { template: name(template, finding.index), line: finding.line, severity: finding.severity,
      code: finding.code, name: finding.name, message: finding.message, documentation: finding.documentation, marketing: marketing(template) };
  });
  const flagged = new Set(report.findings.map((f) => f.index));
  for (const template of report.templates) {
    if (!flagged.has(template.index)) {
      rows.push({ template: name(template, template.index), line: template.line, severity: "ok", code: "", name: "",
        message: "No findings", documentation: null, marketing: marketing(template) });
    }
  }
  rows.sort((a, b) => a.line - b.line);
  for (const row of rows) row.element = tableRow(row);
  return rows;
}

function tableRow(row) {
  const rule = row.documentation ? h("a", { href: row.documentation, target: "_blank", rel: "noopener", title: row.name }, row.code) : "";
  return h("tr", { class: `sev-${row.severity}` },
    h("td", { text: row.template }), h("td", { class: "num", text: String(row.line) }),
    h("td", {}, h("span", { class: `sev sev-${row.severity}`, text: SEVERITY_LABEL[row.severity] })),
    h("td", {}, rule), h("td", { text: row.message }),
    h("td", { class: "num", text: row.marketing === null ? "" : `${Math.round(row.marketing * 100)}%` }));
}

function applyFilter() {
  const words = $("#filter-text").value.trim().toLowerCase();
  const severity = $("#filter-severity").value;
  let shown = 0;
  for (const row of state.rows) {
    const haystack = `${row.template} ${row.code} ${row.name} ${row.message}`.toLowerCase();
    row.element.hidden = (severity && row.severity !== severity) || (words && !haystack.includes(words));
    shown += row.element.hidden ? 0 : 1;
  }
  $("#shown-count").textContent = `Showing ${shown} of ${plural(state.rows.length, "row")}`;
}

function sortBy(th) {
  const key = th.dataset.key;
  const again = state.sort && state.sort.key === key;
  const descending = again ? !state.sort.descending : th.dataset.first === "descending";
  state.sort = { key, descending };
  const value = (row) => (th.dataset.type === "severity" ? SEVERITY_ORDER[row.severity]
    : th.dataset.type === "number" ? (row[key] === null ? -1 : row[key]) : String(row[key]).toLowerCase());
  state.rows.sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    const order = x < y ? -1 : x > y ? 1 : a.line - b.line;
    return descending ? -order : order;
  });
  $$("#file-table th").forEach((other) => other.removeAttribute("aria-sort"));
  th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  $("#file-table tbody").replaceChildren(...state.rows.map((row) => row.element));
}

async function download(format) {
  if (!state.lastFileRequest) return;
  showError($("#file-error"), "");
  try {
    const response = await post(`/api/lint?format=${format}`, state.lastFileRequest);
    const blob = await response.blob();
    const link = h("a", { href: URL.createObjectURL(blob), download: `wtlint-report.${format}` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  } catch (error) {
    showError($("#file-error"), error instanceof ApiError ? error.message : String(error));
  }
}

// --- start -------------------------------------------------------------------------------------

async function loadReferenceData() {
  const [limits, rules] = await Promise.all([fetch("/api/limits").then((r) => r.json()), fetch("/api/rules").then((r) => r.json())]);
  state.limits = limits;
  state.rules = Object.fromEntries(rules.map((rule) => [rule.code, rule]));
  $("#languages").replaceChildren(...limits.languages.map((code) => h("option", { value: code })));
  $("#max-size").textContent = `${limits.max_request_bytes / 1048576} MiB`;
  $$("#template-form [data-limit]").forEach(updateCounter);
  numberButtons();
}

function setUp() {
  setUpTabs();
  const form = $("#template-form");
  form.addEventListener("submit", checkTemplate);
  form.addEventListener("input", (event) => {
    if (event.target.dataset.limit) updateCounter(event.target);
    if (event.target.id === "f-body" || event.target.id === "f-header") renderExampleInputs();
  });
  $("#add-button").addEventListener("click", () => $("select", addButton()).focus());
  $("#suggest").addEventListener("click", suggestRewording);
  $("#clear").addEventListener("click", () => {
    fillForm({});
    $("#one-report").hidden = true;
    $("#rewording").hidden = true;
    $("#f-name").focus();
  });
  $("#file-form").addEventListener("submit", checkFile);
  $("#file-input").addEventListener("change", () => { $("#file-text").value = ""; });
  $("#file-text").addEventListener("input", () => { $("#file-input").value = ""; });
  $("#filter-text").addEventListener("input", applyFilter);
  $("#filter-severity").addEventListener("change", applyFilter);
  $$("#file-table th button").forEach((button) => button.addEventListener("click", () => sortBy(button.closest("th"))));
  $$("[data-download]").forEach((button) => button.addEventListener("click", () => download(button.dataset.download)));
  loadReferenceData().then(() => document.body.classList.add("ready"));
}

document.addEventListener("DOMContentLoaded", setUp);
