// Local configuration: the API is on the same origin (the local runtime) and tokens come from the "sign in as"
// picker (POST /_local/tokens). When the page is deployed, the console serves its own config.js instead, e.g.:
//
//   window.BILLING_CONFIG = {
//     apiBase: "https://billing-api.example.com",    // the HttpApi's URL
//     orgId: "org-1",                                // the org the console has selected (optional)
//     getToken: () => console.session.accessToken(), // returns the console's JWT (or a Promise of it)
//   };
//
// or sets { apiBase, tokenFromParent: "https://console.example.com" } and posts the token into the frame:
//   frame.contentWindow.postMessage({ type: "billing:token", token, orgId }, billingPageOrigin)
window.BILLING_CONFIG = window.BILLING_CONFIG || { apiBase: "", localSignIn: true };
