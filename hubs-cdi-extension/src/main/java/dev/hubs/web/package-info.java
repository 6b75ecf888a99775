/**
 * The HTTP endpoints of each hub, registered at start-up without any web.xml: the negotiate endpoint
 * ({@code POST <hub>/negotiate}) and the connection endpoint at the hub path, which upgrades WebSocket requests.
 */
package dev.hubs.web;
