/**
 * Web console: the admin console ({@code /console}) and the user access portal ({@code /start})
 * pages, rendered on the server. Uses federation.
 *
 * <p>No other module imports this one; it has no public face. Placeholder: nothing is
 * implemented yet.
 */
package io.gatehouse.console;
