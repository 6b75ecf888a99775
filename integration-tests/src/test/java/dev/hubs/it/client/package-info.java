/**
 * Tests through the official SignalR Java client ({@code com.microsoft.signalr}), unchanged: what a Java or Android
 * application sees of a Hubs server.
 */
package dev.hubs.it.client;
