/**
 * The CDI side of Hubs: the portable extension that finds {@code @Hub} beans and validates them at deployment, the
 * activator that creates a hub instance per invocation, and the beans users inject
 * ({@code HubCallerContext}, {@code HubCallerClients}, {@code HubContext}).
 */
package dev.hubs.cdi;
