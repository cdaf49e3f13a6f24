// The billing API client: the token, JSON requests, and problem+json turned into sentences a customer can read.

const CONFIG = window.BILLING_CONFIG || { apiBase: "", localSignIn: true };
const TOKEN_KEY = "billing.token";

let parentToken = null;

/** The friendly text for each stable problem type (urn:problem-type:billing:<code>); else the API's `detail`. */
const MESSAGES = {
  "voucher-invalid": "This voucher code is not valid. Check the code and try again.",
  "voucher-not-yet-valid": "This voucher cannot be used yet.",
  "voucher-expired": "This voucher has expired.",
  "voucher-fully-redeemed": "This voucher has been used up.",
  "voucher-already-redeemed": "Your organization has already redeemed this voucher.",
  "voucher-rate-limited": "Too many attempts with invalid codes. Please wait a while before trying again.",
  "voucher-code-exists": "A voucher with this code already exists.",
  "concurrent-update": "Something else changed your account at the same moment. Please try again.",
  "gateway-unavailable": "The payment gateway is not available right now. Nothing was charged; please try again later.",
  "invoice-not-payable": "This invoice has nothing left to pay.",
  "invoice-payment-pending": "A payment for this invoice is already in progress. Finish it or wait until it expires.",
  "invoice-changed": "The invoice changed while you were paying it. Please reload and try again.",
  "request-in-progress": "This request is still being processed. Please wait a moment.",
  "idempotency-key-reused": "This request was already sent with different details. Please reload the page.",
  "insufficient-credit": "There is not enough credit for this.",
  "account-not-found": "This organization has no billing account yet.",
  "not-found": "Not found, or not your organization.",
  "forbidden": "You do not have permission to do this.",
  "function-unavailable": "This part of the service is not available right now.",
  "payment-method-in-use": "This organization is postpaid, so its card cannot be removed. Register a new card to"
    + " replace it, or ask us to switch the organization to prepaid first.",
  "payment-method-required": "A postpaid organization needs a registered card first.",
};

export class ApiError extends Error {
  constructor(status, problem) {
    const code = problemCode(problem);
    super(MESSAGES[code] || problem?.detail || problem?.title || problem?.message
      || `The request failed (HTTP ${status}).`);
    this.status = status;
    this.code = code;
    this.problem = problem;
  }
}

function problemCode(problem) {
  const type = problem?.type || "";
  return type.startsWith("urn:problem-type:billing:") ? type.slice("urn:problem-type:billing:".length) : type;
}

export function localSignIn() {
  return Boolean(CONFIG.localSignIn);
}

export function configuredOrg() {
  return CONFIG.orgId || null;
}

/** Deployed in a console frame: accept the token the console posts, from its origin only. */
export function listenForParentToken(onToken) {
  if (!CONFIG.tokenFromParent) {
    return;
  }
  window.addEventListener("message", (event) => {
    if (event.origin !== CONFIG.tokenFromParent || event.data?.type !== "billing:token") {
      return;
    }
    parentToken = event.data.token;
    onToken(event.data.orgId || null);
  });
}

export async function token() {
  if (typeof CONFIG.getToken === "function") {
    return await CONFIG.getToken();
  }
  if (CONFIG.tokenFromParent) {
    return parentToken;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** The JWT's claims (no verification: the API verifies; the page only reads who and which orgs). */
export function claims(jwt) {
  try {
    const payload = jwt.split(".")[1].replaceAll("-", "+").replaceAll("_", "/");
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
    const list = (value) => Array.isArray(value) ? value
      : String(value || "").replace(/^\[|\]$/g, "").split(/[\s,]+/).filter(Boolean);
    return { sub: json.sub, orgs: list(json.orgs), roles: list(json.roles) };
  } catch {
    return { sub: null, orgs: [], roles: [] };
  }
}

/** Local only: POST /_local/tokens, kept for this tab (sessionStorage) so the gateway's redirect back finds it. */
export async function signInLocally(sub, orgs, admin, billingAdmin = false) {
  const response = await fetch("/_local/tokens", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sub, orgs, roles: [...(admin ? ["admin"] : []), ...(billingAdmin ? ["billing-admin"] : [])] }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  sessionStorage.setItem(TOKEN_KEY, body.token);
  return body.token;
}

/** A fresh Idempotency-Key for one user action (a retry of the same action reuses it). */
export function newIdempotencyKey() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** One API call; resolves with the JSON body, rejects with an ApiError carrying a readable message. */
export async function api(method, path, { body, idempotencyKey, query } = {}) {
  const headers = { accept: "application/json, application/problem+json" };
  const jwt = await token();
  if (jwt) {
    headers.authorization = `Bearer ${jwt}`;
  }
  if (body !== undefined) {
    headers["content-type"] = "application/json";
  }
  if (idempotencyKey) {
    headers["idempotency-key"] = idempotencyKey;
  }
  let url = (CONFIG.apiBase || "") + path;
  if (query) {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null
      && v !== ""));
    if ([...params].length) {
      url += "?" + params;
    }
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { detail: "The billing service cannot be reached. Check your connection and try again." });
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    if (response.status === 401) {
      window.dispatchEvent(new CustomEvent("billing:unauthorized"));
      throw new ApiError(401, { detail: "Your session has expired. Please sign in again." });
    }
    throw new ApiError(response.status, json);
  }
  return json;
}

export function orgPath(orgId, rest = "") {
  return `/orgs/${encodeURIComponent(orgId)}${rest}`;
}
