package dev.hubs.core.lifetime.contract;

import dev.hubs.spi.ClientInvocation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Many threads joining, leaving, connecting, disconnecting and sending at once: no failure, and the
 * membership at the end is exactly what each connection's own sequence of changes says.
 *
 * <p>Part of {@link HubLifetimeManagerContract}: implementations extend that class, not this interface.
 */
public interface ConcurrencyContract extends ContractFixture {

    @Test
    default void concurrentJoinsLeavesAndSendsEndWithTheExpectedMembership() throws Exception {
        int threads = 8;
        int perThread = 6;
        int rounds = 100;
        String[] groups = {"g0", "g1", "g2", "g3"};
        List<FakeHubConnection> stable = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            for (int k = 0; k < perThread; k++) {
                stable.add(connect("s" + t + "-" + k, "u" + t));
            }
        }
        Map<String, Set<String>> expected = new ConcurrentHashMap<>();
        List<FakeHubConnection> transients = new ArrayList<>();
        runConcurrently(threads, t -> {
            Random random = new Random(t);
            Map<String, Set<String>> mine = new HashMap<>();
            List<CompletionStage<Void>> stages = new ArrayList<>();
            List<FakeHubConnection> own = stable.subList(t * perThread, (t + 1) * perThread);
            for (int round = 0; round < rounds; round++) {
                for (FakeHubConnection connection : own) {
                    String id = connection.connectionId();
                    String group = groups[random.nextInt(groups.length)];
                    if (random.nextInt(3) > 0) {
                        stages.add(manager().addToGroup(id, group));
                        mine.computeIfAbsent(id, x -> new HashSet<>()).add(group);
                    } else {
                        stages.add(manager().removeFromGroup(id, group));
                        mine.computeIfAbsent(id, x -> new HashSet<>()).remove(group);
                    }
                }
                String group = groups[round % groups.length];
                stages.add(manager().sendGroup(group, new ClientInvocation("noise", group)));
                stages.add(manager().sendUser("u" + t, new ClientInvocation("noise", "user")));
                if (round % 10 == 0) {
                    stages.add(manager().sendAll(new ClientInvocation("noise", "all")));
                    stages.add(manager().sendGroups(List.of(groups), new ClientInvocation("noise", "groups")));
                    // A connection that comes and goes, joining before and after it ends: it must not remain.
                    FakeHubConnection passing = new FakeHubConnection("x" + t + "-" + round, "u" + t);
                    complete(manager().onConnected(passing));
                    stages.add(manager().addToGroup(passing.connectionId(), group));
                    complete(manager().onDisconnected(passing));
                    stages.add(manager().addToGroup(passing.connectionId(), groups[(round + 1) % groups.length]));
                    synchronized (transients) {
                        transients.add(passing);
                    }
                }
            }
            stages.forEach(this::complete);
            expected.putAll(mine);
        });

        Map<String, ClientInvocation> probes = new HashMap<>();
        for (String group : groups) {
            ClientInvocation probe = new ClientInvocation("probe", group);
            probes.put(group, probe);
            complete(manager().sendGroup(group, probe));
        }
        for (FakeHubConnection connection : stable) {
            ClientInvocation marker = message("marker");
            complete(manager().sendConnection(connection.connectionId(), marker));
            List<String> probed = connection.readUntil(marker, TIMEOUT).stream()
                    .filter(m -> m.method().equals("probe"))
                    .map(m -> (String) m.argument(0))
                    .sorted()
                    .toList();
            List<String> member = expected.getOrDefault(connection.connectionId(), Set.of()).stream().sorted().toList();
            assertEquals(member, probed, connection + " must end in exactly the groups it was last added to, once");
        }
        for (ClientInvocation probe : probes.values()) {
            assertNeverReceived(probe, transients.toArray(FakeHubConnection[]::new));
        }
    }

    @Test
    default void joinsRacingADisconnectLeaveNothingBehind() throws Exception {
        FakeHubConnection witness = connect("witness", null);
        join(witness, "room", "side");
        List<FakeHubConnection> racing = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            racing.add(connect("r" + i, "racer"));
        }
        CyclicBarrier together = new CyclicBarrier(2);
        runConcurrently(2, t -> {
            for (FakeHubConnection connection : racing) {
                together.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (t == 0) {
                    complete(manager().addToGroup(connection.connectionId(), "room"));
                    complete(manager().addToGroup(connection.connectionId(), "side"));
                } else {
                    complete(manager().onDisconnected(connection));
                }
            }
        });
        assertMembersAreOnly(witness, racing);
    }

    @Test
    default void joinAndLeaveRacingThenADisconnectLeaveNothingBehind() throws Exception {
        FakeHubConnection witness = connect("witness", null);
        join(witness, "room", "side");
        List<FakeHubConnection> racing = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            racing.add(connect("r" + i, "racer"));
        }
        CyclicBarrier together = new CyclicBarrier(2);
        runConcurrently(2, t -> {
            for (FakeHubConnection connection : racing) {
                together.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (t == 0) {
                    complete(manager().addToGroup(connection.connectionId(), "room"));
                } else {
                    complete(manager().removeFromGroup(connection.connectionId(), "room"));
                }
            }
        });
        // Either outcome of each race is right; after the disconnect, none may remain a member.
        for (FakeHubConnection connection : racing) {
            complete(manager().addToGroup(connection.connectionId(), "side"));
            complete(manager().onDisconnected(connection));
        }
        assertMembersAreOnly(witness, racing);
    }

    /** Sends to both groups of the race tests: the witness receives, none of the disconnected ones does. */
    private void assertMembersAreOnly(FakeHubConnection witness, List<FakeHubConnection> disconnected) {
        ClientInvocation room = message("room");
        ClientInvocation side = message("side");
        complete(manager().sendGroup("room", room));
        complete(manager().sendGroup("side", side));
        assertNext(witness, room);
        assertNext(witness, side);
        assertNothingMore(witness);
        for (FakeHubConnection connection : disconnected) {
            assertEquals(List.of(), connection.received(), connection + " remained in a group after its disconnect");
        }
    }
}
