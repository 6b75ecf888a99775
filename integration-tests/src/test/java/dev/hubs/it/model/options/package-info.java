/**
 * Options from MicroProfile Config in the WAR, globally and per hub: message size, keep-alive, client and handshake
 * timeouts, parallel invocations per client. Wrong values are in {@code dev.hubs.it.model.validation}.
 */
package dev.hubs.it.model.options;
