package dev.hubs.core.lifetime.contract;

import dev.hubs.spi.ClientInvocation;
import dev.hubs.spi.HubLifetimeManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every {@link HubLifetimeManager} must have, as one abstract JUnit 5 suite: the in-memory manager
 * of {@code hubs-core} passes it, and so must every backplane (Redis) before it is trusted with messages.
 *
 * <p><b>Using it from another module.</b> It is published in the test-jar of {@code hubs-core}; the parent pom
 * manages the version. A backplane module depends on it (and on JUnit, which a test-jar does not bring along):
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.hubs</groupId>
 *   <artifactId>hubs-core</artifactId>
 *   <type>test-jar</type>
 *   <classifier>tests</classifier>
 * </dependency>
 * }</pre>
 *
 * <p>and extends the suite, giving it managers. {@link #createManager()} is called before each test and must
 * start an isolated "cluster" (the tests reuse connection ids, group and user names, so a shared Redis needs a
 * fresh channel prefix per test). A backplane also answers {@link #supportsPeers()} with {@code true} and gives
 * from {@link #createPeer()} a second server of that same cluster; then the peer tests check that messages and group
 * changes cross servers:
 *
 * <pre>{@code
 * class RedisHubLifetimeManagerContractTest extends HubLifetimeManagerContract {
 *     private final List<RedisHubLifetimeManager> servers = new ArrayList<>();
 *     private String prefix;
 *
 *     protected HubLifetimeManager createManager() {
 *         prefix = "contract-" + UUID.randomUUID();   // one cluster per test
 *         return server();
 *     }
 *     protected boolean supportsPeers() {
 *         return true;
 *     }
 *     protected HubLifetimeManager createPeer() {
 *         return server();                            // same Redis, same prefix: another server of the cluster
 *     }
 *     protected void closeManagers() {
 *         servers.forEach(RedisHubLifetimeManager::close);
 *         servers.clear();
 *     }
 *     private RedisHubLifetimeManager server() {     // its own connections to Redis, like a real second server
 *         RedisHubLifetimeManager server = new RedisHubLifetimeManager(
 *                 new RedisLink(options(redis.uri(), prefix), resources), "chat", serializer);
 *         servers.add(server);
 *         return server;
 *     }
 * }
 * }</pre>
 *
 * <p>(That is the real test of {@code hubs-redis}, which starts a {@code redis-server} for the class.)
 *
 * <p>Implementation-specific checks (counters, resource clean-up) go in the subclass next to the inherited tests.
 *
 * <p><b>What the suite assumes of a backplane.</b> Delivery may be asynchronous: a returned stage may complete
 * before a connection holds the message, so every expected message is awaited on a {@link FakeHubConnection},
 * with a timeout, and nothing sleeps. Absence is shown without waiting for time to pass: the test sends a marker
 * to the connection through the same manager afterwards and checks that the marker is the next message, which
 * requires that the messages one manager sends reach one connection in the order they were sent. A connection
 * that has disconnected cannot receive a marker; there, another connection of the same server that does receive
 * the message serves as witness. Group changes take effect when their stage completes: a send made after that, from
 * any server, sees them. Connection lifecycle calls are made on the server that owns the connection.
 *
 * <p>The tests live in one interface per concern, which this class gathers: {@link TargetContract},
 * {@link GroupContract}, {@link LifecycleContract}, {@link DeliveryContract}, {@link ConcurrencyContract} and
 * {@link PeerContract}; the helpers they share, inherited by subclasses too, are in {@link ContractFixture}.
 */
@Timeout(30)
public abstract class HubLifetimeManagerContract implements TargetContract, GroupContract, LifecycleContract,
        DeliveryContract, ConcurrencyContract, PeerContract {

        private final AtomicInteger sequence = new AtomicInteger();
    private HubLifetimeManager manager;
    private HubLifetimeManager peer;

    // ---------------------------------------------------------------- hooks for implementations

    /**
     * Creates the manager under test, the first server of a new, isolated cluster. Called before each test.
     *
     * @return the manager
     * @throws Exception when it cannot be created
     */
    protected abstract HubLifetimeManager createManager() throws Exception;

    /**
     * Whether {@link #createPeer()} gives a second server of the cluster, so that the peer tests run.
     *
     * @return {@code false} unless overridden
     */
    protected boolean supportsPeers() {
        return false;
    }

    /**
     * Creates another server of the cluster of the current {@link #manager()}: its own connections, the same
     * groups, users and broadcasts. Called at most once per test, and only by tests that need a peer.
     *
     * @return the peer; by default the manager itself
     * @throws Exception when it cannot be created
     */
    protected HubLifetimeManager createPeer() throws Exception {
        return manager;
    }

    /**
     * Releases what {@link #createManager()} and {@link #createPeer()} created. Called after each test.
     *
     * @throws Exception when releasing fails
     */
    protected void closeManagers() throws Exception {
    }

    @BeforeEach
    final void createManagerUnderTest() throws Exception {
        manager = createManager();
        peer = null;
    }

    @AfterEach
    final void closeManagersUnderTest() throws Exception {
        closeManagers();
    }

    /**
     * The manager under test.
     *
     * @return the manager of the current test
     */
    @Override
    public final HubLifetimeManager manager() {
        return manager;
    }

    /**
     * The second server of the cluster, created by {@link #createPeer()} on first use; skips the calling test when
     * the implementation has no peers.
     *
     * @return the peer of the current test
     * @throws Exception when it cannot be created
     */
    @Override
    public final HubLifetimeManager peer() throws Exception {
        assumeTrue(supportsPeers(), "single-server implementation: no peer to test against");
        if (peer == null) {
            peer = createPeer();
        }
        return peer;
    }

    @Override
    public final ClientInvocation message(String method) {
        return new ClientInvocation(method, "#" + sequence.incrementAndGet());
    }
}
