/**
 * Churn and faults (issue 10, parts 2 and 3), proven on a real Open Liberty through the public
 * {@code dev.hubs.HubMonitor}: {@link dev.hubs.it.churn.ChurnIT} drives thousands of connection lifecycles of every
 * kind ({@link dev.hubs.it.churn.Lifecycle}) and checks the server is back to zero afterwards, heap included;
 * {@link dev.hubs.it.churn.FaultsIT} checks what an exception in {@code @OnConnected} or {@code @OnDisconnected}, and
 * a hub method that blocks, do and do not do. The fixtures ({@link dev.hubs.it.churn.ChurnHub},
 * {@link dev.hubs.it.churn.FaultHub}, their REST resources and {@link dev.hubs.it.churn.ChurnTally}) and a WebSocket
 * made by hand over a TCP socket ({@link dev.hubs.it.churn.RawSocket}, to end connections without a close frame)
 * live here too.
 */
package dev.hubs.it.churn;
