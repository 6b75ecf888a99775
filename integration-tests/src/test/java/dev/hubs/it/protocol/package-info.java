/**
 * The SignalR wire protocol without a SignalR library: negotiate over the JDK's HttpClient and hub messages written
 * byte by byte on a JDK WebSocket, compared with the exact texts of ASP.NET Core SignalR
 * (docs/signalr-wire-facts.md).
 */
package dev.hubs.it.protocol;
