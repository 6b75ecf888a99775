/**
 * The negotiate exchange of SignalR's transport protocol (versions 0 and 1): which negotiate version both sides
 * speak, the connection's public id and secret token, and the transports the server offers.
 */
package dev.hubs.core.negotiate;
