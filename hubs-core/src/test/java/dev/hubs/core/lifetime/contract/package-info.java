/**
 * The contract suite of {@link dev.hubs.spi.HubLifetimeManager}, published in the test-jar of {@code hubs-core}.
 *
 * <p>An implementation extends {@link dev.hubs.core.lifetime.contract.HubLifetimeManagerContract}, which gathers
 * the tests (one interface per concern: targets, groups, lifecycle, delivery, concurrency, peers) and their shared
 * helpers ({@link dev.hubs.core.lifetime.contract.ContractFixture}). The tests connect
 * {@link dev.hubs.core.lifetime.contract.FakeHubConnection}s, which record what they receive and let a test wait
 * for it.
 */
package dev.hubs.core.lifetime.contract;
