/**
 * Federation: browser login and sessions, the OIDC provider, the SAML IdP, external identity
 * providers (SAML, OIDC), the access portal API and the device flow.
 *
 * <p>This package is the public face of the module: interfaces, records and exceptions only;
 * implementations will live in {@code .internal}, {@code .persistence} and {@code .api}.
 * Tables are prefixed {@code fed_}. Uses STS and audit. Placeholder: nothing is implemented yet.
 */
package io.gatehouse.federation;
