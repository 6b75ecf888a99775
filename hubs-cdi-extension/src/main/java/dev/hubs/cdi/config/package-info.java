/**
 * Hub options from MicroProfile Config: {@code hubs.<option>} for every hub, {@code hubs.<HubClass>.<option>} for
 * one hub (simple or fully qualified class name). Values are checked at deployment; a wrong one fails it with a
 * message naming the key.
 */
package dev.hubs.cdi.config;
