// The Billing page: every figure comes from the public billing API (see README.md).
import {
  api, ApiError, claims, configuredOrg, forgetToken, listenForParentToken, localSignIn, newIdempotencyKey, orgPath,
  signInLocally, token,
} from "./api.js";
import { dateTime, idr, longDate, monthName, runway, words } from "./format.js";

const MIN_PAYMENT = 50000;
const $ = (id) => document.getElementById(id);

const state = { orgId: null, admin: false, roles: [], invoiceCursor: null, ledgerCursor: null, topupKey: null,
  payKey: null, cardKey: null };

/** Builds an element: el("td", {className: "num"}, "text", child…). Text is never parsed as HTML. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name in node && name !== "list") {
      node[name] = value;
    } else {
      node.setAttribute(name, value);
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

function say(id, text, kind = "") {
  const node = $(id);
  node.textContent = text || "";
  node.className = node.className.replace(/\b(ok|bad)\b/g, "").trim() + (kind ? " " + kind : "");
}

function showError(id, error) {
  say(id, error instanceof ApiError ? error.message : "Something went wrong. Please try again.");
  if (!(error instanceof ApiError)) {
    console.warn(error);
  }
}

function statusBadge(status) {
  return el("span", { className: "badge " + String(status).toLowerCase() }, words(status));
}

async function busy(button, work) {
  button.disabled = true;
  try {
    await work();
  } finally {
    button.disabled = false;
  }
}

// ---- session --------------------------------------------------------------------------------------------------

async function start() {
  listenForParentToken((orgId) => openSession(orgId));
  // An expired or rejected token: locally, back to the sign-in picker (deployed, the console renews its token).
  window.addEventListener("billing:unauthorized", () => {
    if (localSignIn() && !$("app").hidden) {
      forgetToken();
      $("app").hidden = true;
      $("session").hidden = true;
      $("signin").hidden = false;
      say("signin-error", "Your session has expired. Please sign in again.");
    }
  });
  if (localSignIn()) {
    $("signin-form").addEventListener("submit", onSignIn);
  }
  $("sign-out").addEventListener("click", () => {
    forgetToken();
    location.assign(location.pathname);
  });
  $("org-select").addEventListener("change", () => selectOrg($("org-select").value));
  $("org-open").addEventListener("click", () => selectOrg($("org-input").value.trim()));
  $("org-input").addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      selectOrg($("org-input").value.trim());
    }
  });
  wireForms();
  if (await token()) {
    await openSession(configuredOrg());
  } else if (localSignIn()) {
    $("signin").hidden = false;
    $("signin-sub").focus();
  }
}

async function onSignIn(event) {
  event.preventDefault();
  say("signin-error", "");
  const sub = $("signin-sub").value.trim();
  const orgs = $("signin-orgs").value.split(",").map((s) => s.trim()).filter(Boolean);
  const admin = $("signin-admin").checked;
  const billingAdmin = $("signin-billing-admin").checked;
  if (!sub) {
    say("signin-error", "Enter a user id.");
    return;
  }
  if (!admin && orgs.length === 0) {
    say("signin-error", "A member needs at least one organization.");
    return;
  }
  await busy($("signin-submit"), async () => {
    try {
      await signInLocally(sub, orgs, admin, billingAdmin);
      await openSession(null);
    } catch (error) {
      showError("signin-error", error);
    }
  });
}

async function openSession(preferredOrg) {
  const who = claims((await token()) || "");
  state.admin = who.roles.includes("admin");
  state.roles = who.roles;
  $("signin").hidden = true;
  $("session").hidden = false;
  $("session-who").textContent = `${who.sub || "signed in"}${state.admin ? " (admin)" : ""}`;
  const select = $("org-select");
  select.replaceChildren(...who.orgs.map((org) => el("option", { value: org }, org)));
  select.hidden = who.orgs.length === 0;
  $("org-input").hidden = !state.admin;
  $("org-open").hidden = !state.admin;
  $("admin").hidden = !state.admin;
  const org = preferredOrg || sessionStorage.getItem("billing.org") || who.orgs[0] || null;
  if (org) {
    if (who.orgs.includes(org)) {
      select.value = org;
    }
    $("org-input").value = org;
    await selectOrg(org);
  } else {
    $("app").hidden = true;
    say("flash", state.admin ? "Enter an organization id to open its billing." : "");
    $("org-input").focus();
  }
}

async function selectOrg(orgId) {
  if (!orgId) {
    return;
  }
  state.orgId = orgId;
  sessionStorage.setItem("billing.org", orgId);
  $("app").hidden = false;
  $("invoice-detail").hidden = true;
  $("topup-confirm").hidden = true;
  await Promise.all([loadSummary(), loadCard(), loadMethods(), loadTopUps(), loadInvoices(true), loadRedemptions(),
    state.admin ? loadLedger(true) : null]);
  await showReturnFromGateway();
  document.body.dataset.ready = "true";
}

// ---- summary, runway, chart -----------------------------------------------------------------------------------

async function loadSummary() {
  say("summary-error", "");
  try {
    const billing = await api("GET", orgPath(state.orgId, "/billing"));
    $("remaining-credit").textContent = idr(billing.remainingCredit);
    $("remaining-credit").dataset.amount = billing.remainingCredit;
    $("ongoing-usage").textContent = idr(billing.ongoingUsage);
    $("credit").textContent = idr(billing.credit);
    $("credit").dataset.amount = billing.credit;
    $("billing-type").textContent = words(billing.billingType);
    $("summary-period").textContent = billing.period ? `· ${monthName(billing.period)}` : "";
    showRunway(billing);
    await loadUsageChart(billing.period);
  } catch (error) {
    for (const id of ["remaining-credit", "ongoing-usage", "credit", "billing-type"]) {
      $(id).textContent = "–";
    }
    $("runway").hidden = true;
    showError("summary-error", error);
  }
}

function showRunway(billing) {
  const result = runway(billing.remainingCredit, billing.ongoingUsage);
  $("runway").hidden = result === null;
  if (result === null) {
    return;
  }
  $("runway-text").textContent = result.exhausted
    ? `Your credit is used up at this month's pace of ${idr(Math.round(result.dailyPace))} a day.`
    : `At ${idr(Math.round(result.dailyPace))} a day, your credit lasts about ${result.daysLeft} more days:`
      + ` until ${longDate(result.date)}.`;
}

async function loadUsageChart(period) {
  const chart = $("chart");
  let usage;
  try {
    usage = await api("GET", orgPath(state.orgId, "/usage"), { query: { period } });
  } catch (error) {
    chart.replaceChildren(el("p", { className: "error" }, error.message));
    return;
  }
  const categories = (usage.categories || []).filter((c) => c.amount > 0);
  if (categories.length === 0) {
    chart.replaceChildren(el("p", { className: "muted" }, "No usage recorded this month yet."));
    return;
  }
  const max = Math.max(...categories.map((c) => c.amount));
  const rowHeight = 28;
  const labelWidth = 130;
  const width = 360;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${width + labelWidth + 120} ${categories.length * rowHeight}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", "chart-title");
  const svgEl = (tag, attributes, text) => {
    const node = document.createElementNS(ns, tag);
    Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  };
  const list = el("ul", { className: "sr" });
  categories.forEach((c, i) => {
    const y = i * rowHeight;
    const barWidth = Math.max(2, Math.round((c.amount / max) * width));
    svg.append(svgEl("text", { x: 0, y: y + 18, class: "label" }, words(c.category)));
    svg.append(svgEl("rect", { x: labelWidth, y: y + 5, width: barWidth, height: 18, rx: 3,
      class: c.countsInOngoingUsage ? "bar" : "bar excluded" }));
    svg.append(svgEl("text", { x: labelWidth + barWidth + 6, y: y + 18, class: "value" }, idr(c.amount)));
    list.append(el("li", {}, `${words(c.category)}: ${idr(c.amount)}`
      + (c.countsInOngoingUsage ? "" : " (invoiced separately)")));
  });
  chart.replaceChildren(svg, list,
    el("p", { className: "hint" }, "Grey bars are invoiced separately and not part of ongoing usage."));
}

// ---- top-up ---------------------------------------------------------------------------------------------------

async function loadMethods() {
  const select = $("topup-method");
  try {
    const methods = await api("GET", orgPath(state.orgId, "/payment-methods"));
    select.replaceChildren(el("option", { value: "" }, "Choose on the payment page"),
      ...(methods.items || []).map((m) => el("option", { value: m.code }, m.displayName)));
  } catch {
    select.replaceChildren(el("option", { value: "" }, "Choose on the payment page"));
  }
}

function wireForms() {
  wireCard();
  $("topup-form").addEventListener("submit", onTopUp);
  $("topup-amount").addEventListener("input", () => {
    state.topupKey = null;
    say("topup-error", "");
  });
  $("topup-method").addEventListener("change", () => {
    state.topupKey = null;
  });
  $("topup-cancel").addEventListener("click", () => {
    $("topup-confirm").hidden = true;
    state.topupKey = null;
    say("topup-result", "The order was not paid; it expires on its own. Nothing was charged.");
    $("topup-amount").focus();
    loadTopUps();
  });
  $("invoice-filter").addEventListener("change", () => loadInvoices(true));
  $("invoices-more").addEventListener("click", () => loadInvoices(false));
  $("voucher-form").addEventListener("submit", onRedeem);
  $("account-form").addEventListener("submit", onAccount);
  $("adjust-form").addEventListener("submit", onAdjust);
  $("voucher-create-form").addEventListener("submit", onCreateVoucher);
  $("ledger-more").addEventListener("click", () => loadLedger(false));
}

async function onTopUp(event) {
  event.preventDefault();
  say("topup-error", "");
  say("topup-result", "");
  const raw = $("topup-amount").value.trim();
  const amount = Number(raw);
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(amount)) {
    say("topup-error", "Enter the amount in whole rupiah, without dots or commas.");
    $("topup-amount").focus();
    return;
  }
  if (amount < MIN_PAYMENT) {
    say("topup-error", `The minimum top-up is ${idr(MIN_PAYMENT)}.`);
    $("topup-amount").focus();
    return;
  }
  const body = { amount };
  if ($("topup-method").value) {
    body.paymentMethod = $("topup-method").value;
  }
  // One key per amount + method: pressing Continue twice gives the same order back, not a second one.
  state.topupKey = state.topupKey || newIdempotencyKey();
  await busy($("topup-submit"), async () => {
    try {
      const order = await api("POST", orgPath(state.orgId, "/topups"), { body, idempotencyKey: state.topupKey });
      showTopUpConfirmation(order);
    } catch (error) {
      showError("topup-error", error);
    }
  });
}

function showTopUpConfirmation(order) {
  $("confirm-subtotal").textContent = idr(order.invoice?.subtotal);
  $("confirm-tax").textContent = idr(order.invoice?.tax);
  $("confirm-total").textContent = idr(order.amount);
  $("confirm-invoice").textContent = order.invoice?.number || "–";
  $("confirm-expires").textContent = dateTime(order.expiresAt);
  $("topup-pay").href = order.paymentUrl;
  $("topup-confirm").hidden = false;
  $("topup-pay").focus();
}

async function loadTopUps() {
  const body = $("topups").tBodies[0];
  try {
    const page = await api("GET", orgPath(state.orgId, "/topups"), { query: { limit: 10 } });
    const rows = (page.items || []).map((t) => el("tr", { "data-order": t.orderId },
      el("td", {}, dateTime(t.createdAt)),
      el("td", { className: "num" }, idr(t.amount)),
      el("td", { className: "num" }, idr(t.total)),
      el("td", {}, words(t.paymentMethod) || "–"),
      el("td", {}, statusBadge(t.status)),
      el("td", {}, t.invoiceNumber || "–")));
    body.replaceChildren(...(rows.length ? rows : [emptyRow(6, "No top-ups yet.")]));
  } catch (error) {
    body.replaceChildren(emptyRow(6, error.message));
  }
}

/** Back from the gateway: `/?orderId=…&status=…`. The order's state is read from the API, not from the URL. */
async function showReturnFromGateway() {
  const params = new URLSearchParams(location.search);
  const orderId = params.get("orderId");
  if (!orderId) {
    return;
  }
  history.replaceState(null, "", location.pathname);
  let status = (params.get("status") || "").toUpperCase();
  if (params.get("card") === "1") {
    showReturnFromCardPage(status);
    return;
  }
  let order = null;
  try {
    const page = await api("GET", orgPath(state.orgId, "/topups"), { query: { limit: 20 } });
    order = (page.items || []).find((t) => t.orderId === orderId) || null;
    status = order ? order.status : status;
  } catch {
    // keep the gateway's word
  }
  const what = order ? `Top-up of ${idr(order.amount)} credit` : "Payment";
  let text;
  let kind = "bad";
  if (status === "PAID" || status === "SETTLEMENT" || status === "CAPTURE") {
    text = `${what} paid. ${order ? "Your credit has been added." : "The invoice has been updated."}`;
    kind = "ok";
  } else if (status === "PENDING") {
    text = `${what} is waiting for payment. Credit is added as soon as the payment is confirmed.`;
    kind = "";
  } else if (status === "EXPIRED") {
    text = `${what} expired. Nothing was charged and no credit was added.`;
  } else {
    text = `${what} failed. Nothing was charged and no credit was added.`;
  }
  say("topup-result", text, kind);
  $("topup-result").dataset.status = status;
  $("topup-result").tabIndex = -1;
  $("topup-result").focus();
}

// ---- payment card (postpaid) ----------------------------------------------------------------------------------

/** Whether the signed-in user may change this org's card: the billing-admin role (for all its orgs, or this one). */
function canManageCard() {
  return state.admin || state.roles.includes("billing-admin") || state.roles.includes(`billing-admin:${state.orgId}`);
}

async function loadCard() {
  say("card-error", "");
  $("card-alert").hidden = true;
  let settings;
  try {
    settings = await api("GET", orgPath(state.orgId, "/payment-method"));
  } catch (error) {
    showError("card-error", error);
    return;
  }
  const card = settings.card;
  $("card-masked").textContent = card ? `${card.brand} ${card.maskedNumber}` : "No card registered";
  $("card-expiry").textContent = card ? `${String(card.expiryMonth).padStart(2, "0")}/${card.expiryYear}` : "–";
  $("card-status").replaceChildren(card ? statusBadge(card.status) : "–");
  $("card-settings").dataset.action = settings.actionRequired || "";
  if (settings.actionRequired === "REPLACE_CARD") {
    $("card-alert").textContent = "Your card can no longer be charged (the gateway reported it expired or revoked)."
      + " Register a new card so your invoices can be paid.";
    $("card-alert").hidden = false;
  } else if (settings.actionRequired === "REGISTER_CARD") {
    $("card-alert").textContent = "This organization is postpaid but has no card: register one so your invoices"
      + " can be paid.";
    $("card-alert").hidden = false;
  }
  const manage = canManageCard();
  $("card-actions").hidden = !manage;
  $("card-role-hint").hidden = manage;
  $("card-register").textContent = card ? "Replace card" : "Register a card";
  $("card-remove").hidden = !card || settings.billingType === "POSTPAID";
}

function wireCard() {
  $("card-register").addEventListener("click", async () => {
    say("card-error", "");
    state.cardKey = state.cardKey || newIdempotencyKey();
    await busy($("card-register"), async () => {
      try {
        const registration = await api("POST", orgPath(state.orgId, "/payment-method/registrations"),
          { body: {}, idempotencyKey: state.cardKey });
        state.cardKey = null;
        // The card is typed on the gateway's page only; we come back through the gateway's finish URL.
        location.assign(registration.cardEntryUrl);
      } catch (error) {
        showError("card-error", error);
      }
    });
  });
  $("card-remove").addEventListener("click", async () => {
    say("card-error", "");
    await busy($("card-remove"), async () => {
      try {
        await api("DELETE", orgPath(state.orgId, "/payment-method"));
        say("card-result", "The card was removed.", "ok");
        await loadCard();
      } catch (error) {
        showError("card-error", error);
      }
    });
  });
}

/** Back from the gateway's card page. What is saved is read from the API (loadCard ran already), not the URL. */
function showReturnFromCardPage(status) {
  const saved = $("card-masked").textContent !== "No card registered" && $("card-status").textContent === "Active";
  let text;
  let kind = "bad";
  if (status === "PAID" || status === "SETTLEMENT" || status === "CAPTURE") {
    text = saved ? "Your card is registered. The verification payment was added to your credit."
      : "Thank you. Your card appears here as soon as the payment gateway confirms it.";
    kind = saved ? "ok" : "";
  } else if (status === "PENDING") {
    text = "The card registration is waiting for the payment gateway. It appears here once confirmed.";
    kind = "";
  } else {
    text = "The card was not registered (declined, cancelled or expired). Nothing was charged.";
  }
  say("card-result", text, kind);
  $("card-result").dataset.status = status;
  $("card-result").tabIndex = -1;
  $("card-result").focus();
}

// ---- invoices -------------------------------------------------------------------------------------------------

function period(invoice) {
  if (invoice.period) {
    return monthName(invoice.period);
  }
  return invoice.issuedAt ? dateTime(invoice.issuedAt).split(",")[0] : "–";
}

const PAYABLE = new Set(["OPEN", "PARTIALLY_PAID", "PAST_DUE"]);

async function loadInvoices(reset) {
  const body = $("invoices").tBodies[0];
  say("invoices-error", "");
  if (reset) {
    state.invoiceCursor = null;
  }
  try {
    const page = await api("GET", orgPath(state.orgId, "/invoices"), {
      query: { type: $("filter-type").value, status: $("filter-status").value, cursor: state.invoiceCursor, limit: 10 },
    });
    const rows = (page.items || []).map((inv) => el("tr", { "data-invoice": inv.id },
      el("td", {}, inv.number),
      el("td", {}, words(inv.type)),
      el("td", {}, period(inv)),
      el("td", { className: "num" }, idr(inv.total)),
      el("td", {}, statusBadge(inv.status)),
      el("td", {}, el("button", { type: "button", className: "secondary small", onclick: () => openInvoice(inv.id),
        "aria-label": `View invoice ${inv.number}` }, "View"))));
    if (reset) {
      body.replaceChildren(...(rows.length ? rows : [emptyRow(6, "No invoices match.")]));
    } else {
      body.append(...rows);
    }
    state.invoiceCursor = page.nextCursor || null;
    $("invoices-more").hidden = !state.invoiceCursor;
  } catch (error) {
    body.replaceChildren();
    showError("invoices-error", error);
  }
}

async function openInvoice(invoiceId) {
  const detail = $("invoice-detail");
  let inv;
  try {
    inv = await api("GET", orgPath(state.orgId, `/invoices/${encodeURIComponent(invoiceId)}`));
  } catch (error) {
    showError("invoices-error", error);
    return;
  }
  const lines = (inv.lines || []).map((l) => el("tr", {},
    el("td", {}, l.description), el("td", { className: "num" }, l.quantity ? `${l.quantity} ${l.unit || ""}` : ""),
    el("td", { className: "num" }, idr(l.amount))));
  const taxes = (inv.taxLines || []).map((t) => el("tr", {},
    el("td", {}, `${t.description}${t.mode === "INCLUDED" ? " (included)" : ""}`),
    el("td", { className: "num" }, `on ${idr(t.base)}`), el("td", { className: "num" }, idr(t.amount))));
  const payments = (inv.payments || []).map((p) => el("li", {},
    `${dateTime(p.appliedAt)} · ${words(p.method || p.source)} · ${idr(p.amount)}`
    + (p.referenceNumber || p.reference ? ` · ${p.referenceNumber || p.reference}` : "")));
  const credits = (inv.creditApplications || []).map((c) => el("li", {},
    `${dateTime(c.appliedAt)} · ${idr(c.amount)}` + (c.reference ? ` · ${c.reference}` : "")));
  const children = [
    el("h3", { id: "invoice-detail-title" }, `Invoice ${inv.number}`),
    el("p", {}, `${words(inv.type)} · issued ${dateTime(inv.issuedAt)}`, inv.dueAt ? ` · due ${dateTime(inv.dueAt)}` : "",
      " · ", statusBadge(inv.status)),
    el("div", { className: "scroll" }, el("table", { className: "lines" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Line"), el("th", { scope: "col" }, "Quantity"),
        el("th", { scope: "col" }, "Amount"))),
      el("tbody", {}, ...lines, ...taxes),
      el("tfoot", {},
        el("tr", {}, el("th", { scope: "row", colSpan: 2 }, "Subtotal"), el("td", { className: "num" }, idr(inv.subtotal))),
        el("tr", {}, el("th", { scope: "row", colSpan: 2 }, "Tax"), el("td", { className: "num" }, idr(inv.tax))),
        el("tr", { className: "total" }, el("th", { scope: "row", colSpan: 2 }, "Total"),
          el("td", { className: "num" }, idr(inv.total)))))),
    el("dl", { className: "rows" },
      el("div", {}, el("dt", {}, "Paid"), el("dd", {}, idr(inv.amountPaid))),
      el("div", {}, el("dt", {}, "Credits applied"), el("dd", {}, idr(inv.creditsApplied))),
      el("div", { className: "total" }, el("dt", {}, "Amount due"), el("dd", { id: "invoice-due" }, idr(inv.amountDue)))),
    el("h4", {}, "Payments"),
    payments.length ? el("ul", {}, ...payments) : el("p", { className: "muted" }, "None."),
    el("h4", {}, "Credits applied"),
    credits.length ? el("ul", {}, ...credits) : el("p", { className: "muted" }, "None."),
  ];
  if (inv.voidReason) {
    children.push(el("p", { className: "muted" }, `Void: ${inv.voidReason}`));
  }
  const pending = inv.pendingPayment && new Date(inv.pendingPayment.until) > new Date();
  if (pending) {
    children.push(el("p", {}, `A payment is in progress until ${dateTime(inv.pendingPayment.until)}.`));
  }
  if (PAYABLE.has(inv.status) && inv.amountDue > 0 && !pending) {
    children.push(payForm(inv));
  }
  children.push(el("button", { type: "button", className: "secondary", onclick: () => { detail.hidden = true; } },
    "Close"));
  detail.replaceChildren(...children);
  detail.hidden = false;
  detail.focus();
}

function payForm(inv) {
  const pay = Math.max(inv.amountDue, MIN_PAYMENT);
  const surplus = pay - inv.amountDue;
  const error = el("p", { className: "error", role: "alert", id: "pay-error" });
  state.payKey = newIdempotencyKey();
  const button = el("button", { type: "submit", id: "pay-invoice" }, `Pay ${idr(pay)}`);
  const form = el("form", { className: "pay", onsubmit: async (event) => {
    event.preventDefault();
    error.textContent = "";
    await busy(button, async () => {
      try {
        const order = await api("POST", orgPath(state.orgId, `/invoices/${encodeURIComponent(inv.id)}/payments`),
          { body: {}, idempotencyKey: state.payKey });
        location.assign(order.paymentUrl);
      } catch (e) {
        error.textContent = e instanceof ApiError ? e.message : "Something went wrong. Please try again.";
      }
    });
  } },
  el("label", { htmlFor: "pay-amount" }, "Amount to pay"),
  el("output", { id: "pay-amount", className: "amount" }, idr(pay)),
  el("p", { className: "hint" }, `A gateway payment is at least ${idr(MIN_PAYMENT)}. `
    + (surplus > 0 ? `This invoice needs ${idr(inv.amountDue)}; the other ${idr(surplus)} is added to your credit.`
      : "Anything paid above the amount due is added to your credit.")),
  button, error);
  return form;
}

// ---- vouchers -------------------------------------------------------------------------------------------------

async function onRedeem(event) {
  event.preventDefault();
  say("voucher-error", "");
  say("voucher-result", "");
  const code = $("voucher-code").value.trim();
  if (!code) {
    say("voucher-error", "Enter the voucher code.");
    $("voucher-code").focus();
    return;
  }
  await busy($("voucher-submit"), async () => {
    try {
      const r = await api("POST", orgPath(state.orgId, "/voucher-redemptions"), { body: { code } });
      say("voucher-result", `Voucher ${r.code} redeemed: ${idr(r.amount)} added to your credit.`, "ok");
      $("voucher-code").value = "";
      await Promise.all([loadRedemptions(), loadSummary(), state.admin ? loadLedger(true) : null]);
    } catch (error) {
      showError("voucher-error", error);
      $("voucher-code").focus();
    }
  });
}

async function loadRedemptions() {
  const body = $("redemptions").tBodies[0];
  try {
    const page = await api("GET", orgPath(state.orgId, "/voucher-redemptions"), { query: { limit: 10 } });
    const rows = (page.items || []).map((r) => el("tr", {},
      el("td", {}, dateTime(r.redeemedAt)), el("td", {}, r.code),
      el("td", { className: "num" }, idr(r.amount)), el("td", {}, r.redeemedBy || "–")));
    body.replaceChildren(...(rows.length ? rows : [emptyRow(4, "No vouchers redeemed yet.")]));
  } catch (error) {
    body.replaceChildren(emptyRow(4, error.message));
  }
}

// ---- admin ----------------------------------------------------------------------------------------------------

async function adminAction(button, work) {
  say("admin-error", "");
  say("admin-result", "");
  await busy(button, async () => {
    try {
      await work();
    } catch (error) {
      showError("admin-error", error);
    }
  });
}

async function onAccount(event) {
  event.preventDefault();
  await adminAction(event.submitter || event.target.querySelector("button"), async () => {
    const r = await api("PUT", `/admin/orgs/${encodeURIComponent(state.orgId)}/billing-account`,
      { body: { billingType: $("account-type").value } });
    say("admin-result", `Billing account of ${state.orgId}: ${words(r?.billingType || $("account-type").value)}.`, "ok");
    await loadSummary();
  });
}

async function onAdjust(event) {
  event.preventDefault();
  const raw = $("adjust-amount").value.trim();
  const reason = $("adjust-reason").value.trim();
  if (!/^-?[0-9]+$/.test(raw) || Number(raw) === 0) {
    say("admin-error", "Enter a whole, non-zero amount in rupiah.");
    $("adjust-amount").focus();
    return;
  }
  if (!reason) {
    say("admin-error", "Give a reason: it is kept on the ledger entry.");
    $("adjust-reason").focus();
    return;
  }
  await adminAction($("adjust-submit"), async () => {
    const r = await api("POST", `/admin/orgs/${encodeURIComponent(state.orgId)}/credit-adjustments`,
      { body: { amount: Number(raw), reason }, idempotencyKey: newIdempotencyKey() });
    say("admin-result", `Credit adjusted by ${idr(Number(raw))}; the balance is now ${idr(r.balance)}.`, "ok");
    $("adjust-amount").value = "";
    $("adjust-reason").value = "";
    await Promise.all([loadSummary(), loadLedger(true)]);
  });
}

async function onCreateVoucher(event) {
  event.preventDefault();
  const amount = Number($("vc-amount").value);
  const until = $("vc-until").value;
  if (!Number.isSafeInteger(amount) || amount < 1) {
    say("admin-error", "Enter the voucher's credit in whole rupiah.");
    $("vc-amount").focus();
    return;
  }
  if (!until) {
    say("admin-error", "Choose the date the voucher stops being valid.");
    $("vc-until").focus();
    return;
  }
  const body = { amount, validUntil: `${until}T00:00:00+07:00`, totalLimit: Number($("vc-total").value || 1),
    perOrgLimit: Number($("vc-per-org").value || 1) };
  if ($("vc-code").value.trim()) {
    body.code = $("vc-code").value.trim();
  } else {
    body.count = 1;
  }
  if ($("vc-note").value.trim()) {
    body.note = $("vc-note").value.trim();
  }
  await adminAction($("vc-submit"), async () => {
    const r = await api("POST", "/admin/vouchers", { body });
    const codes = (r.vouchers || []).map((v) => v.code).join(", ");
    $("vc-codes").textContent = `Created. Code (shown only now): ${codes}`;
    say("admin-result", `Voucher created for ${idr(amount)}.`, "ok");
  });
}

async function loadLedger(reset) {
  const body = $("ledger").tBodies[0];
  if (reset) {
    state.ledgerCursor = null;
  }
  try {
    const page = await api("GET", orgPath(state.orgId, "/ledger-entries"), { query: { limit: 20, cursor: state.ledgerCursor } });
    const rows = (page.items || []).map((e) => el("tr", {},
      el("td", {}, dateTime(e.createdAt)), el("td", {}, words(e.kind)),
      el("td", { className: "num" }, idr(e.amount)), el("td", { className: "num" }, idr(e.balanceAfter)),
      el("td", {}, e.reason || e.reference || "–"), el("td", {}, e.actor || "–")));
    if (reset) {
      body.replaceChildren(...(rows.length ? rows : [emptyRow(6, "No ledger entries.")]));
    } else {
      body.append(...rows);
    }
    state.ledgerCursor = page.nextCursor || null;
    $("ledger-more").hidden = !state.ledgerCursor;
  } catch (error) {
    body.replaceChildren(emptyRow(6, error.message));
  }
}

function emptyRow(columns, text) {
  return el("tr", {}, el("td", { colSpan: columns, className: "muted" }, text));
}

start().catch((error) => {
  say("flash", "The billing page could not start. Please reload.");
  console.warn(error);
});
