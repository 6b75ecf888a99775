/**
 * From an incoming invocation to a hub method and back: the method table built once per hub at deployment, the
 * activator that gives a hub instance per invocation, and the dispatcher that runs the method and answers with a
 * completion carrying the result or SignalR's error text.
 */
package dev.hubs.core.dispatch;
