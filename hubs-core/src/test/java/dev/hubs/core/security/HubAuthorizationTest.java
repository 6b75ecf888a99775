package dev.hubs.core.security;

import dev.hubs.core.dispatch.HubDefinitionException;
import dev.hubs.core.dispatch.HubMethodTable;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;

import java.security.Principal;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HubAuthorizationTest {

    @RolesAllowed({"chat", "admin"})
    public static class RoleHub {
        public void plain() {
        }

        @RolesAllowed("admin")
        public void admin() {
        }

        @PermitAll
        public void open() {
        }

        @DenyAll
        public void closed() {
        }

        @RolesAllowed({})
        public void noRole() {
        }
    }

    public static class OpenHub {
        public void plain() {
        }
    }

    @DenyAll
    public static class ClosedHub {
        public void plain() {
        }
    }

    public static class ConflictHub {
        @PermitAll
        @DenyAll
        public void both() {
        }
    }

    private static final Principal ALICE = () -> "alice";
    private static final ConnectionIdentity CHATTER = new ConnectionIdentity(ALICE, Set.of("chat"), null, null);
    private static final ConnectionIdentity ADMIN = new ConnectionIdentity(ALICE, Set.of("admin"), null, null);
    private static final ConnectionIdentity NOBODY = new ConnectionIdentity(ALICE, Set.of(), null, null);

    private static AccessDecision decide(HubAuthorization rules, String method, ConnectionIdentity identity) {
        return rules.methodRule(HubMethodTable.of(RoleHub.class).find(method)).decide(identity);
    }

    @Test
    void classRuleAsksForOneOfItsRoles() {
        HubAuthorization rules = HubAuthorization.of(HubMethodTable.of(RoleHub.class));
        assertEquals(AccessDecision.ALLOWED, rules.hubRule().decide(CHATTER));
        assertEquals(AccessDecision.ALLOWED, rules.hubRule().decide(ADMIN));
        assertEquals(AccessDecision.FORBIDDEN, rules.hubRule().decide(NOBODY));
        assertEquals(AccessDecision.UNAUTHENTICATED, rules.hubRule().decide(ConnectionIdentity.ANONYMOUS));
        assertEquals(Set.of("chat", "admin"), rules.roleNames());
        assertFalse(rules.unrestricted());
    }

    @Test
    void methodRulesOverrideTheClassRule() {
        HubAuthorization rules = HubAuthorization.of(HubMethodTable.of(RoleHub.class));
        assertEquals(AccessDecision.ALLOWED, decide(rules, "plain", CHATTER), "no annotation: the class rule");
        assertEquals(AccessDecision.FORBIDDEN, decide(rules, "admin", CHATTER));
        assertEquals(AccessDecision.ALLOWED, decide(rules, "admin", ADMIN));
        assertEquals(AccessDecision.ALLOWED, decide(rules, "open", ConnectionIdentity.ANONYMOUS));
        assertEquals(AccessDecision.FORBIDDEN, decide(rules, "closed", ADMIN));
        assertEquals(AccessDecision.UNAUTHENTICATED, decide(rules, "closed", ConnectionIdentity.ANONYMOUS));
        assertEquals(AccessDecision.FORBIDDEN, decide(rules, "noRole", ADMIN), "@RolesAllowed({}) denies all");
    }

    @Test
    void aHubWithoutAnnotationsIsOpen() {
        HubAuthorization rules = HubAuthorization.of(HubMethodTable.of(OpenHub.class));
        assertTrue(rules.unrestricted());
        assertEquals(AccessDecision.ALLOWED, rules.hubRule().decide(ConnectionIdentity.ANONYMOUS));
        assertEquals(Set.of(), rules.roleNames());
    }

    @Test
    void denyAllOnTheClassRefusesEveryone() {
        HubAuthorization rules = HubAuthorization.of(HubMethodTable.of(ClosedHub.class));
        assertEquals(AccessDecision.FORBIDDEN, rules.hubRule().decide(ADMIN));
        assertEquals(AccessDecision.UNAUTHENTICATED, rules.hubRule().decide(ConnectionIdentity.ANONYMOUS));
    }

    @Test
    void twoAnnotationsOnOneMethodFailTheDefinition() {
        HubDefinitionException error = assertThrows(HubDefinitionException.class,
                () -> HubAuthorization.of(HubMethodTable.of(ConflictHub.class)));
        assertEquals(1, error.problems().size());
        assertTrue(error.problems().get(0).contains("method both"), error.problems().toString());
    }

    @Test
    void identitiesCompareByNameAndKnowTheirExpiry() {
        ConnectionIdentity expiring = new ConnectionIdentity(() -> "alice", Set.of(), Instant.ofEpochSecond(100),
                null);
        assertTrue(expiring.sameCaller(CHATTER));
        assertFalse(expiring.sameCaller(ConnectionIdentity.ANONYMOUS));
        assertFalse(ConnectionIdentity.of(() -> "bob").sameCaller(CHATTER));
        assertFalse(expiring.expiredAt(Instant.ofEpochSecond(99)));
        assertTrue(expiring.expiredAt(Instant.ofEpochSecond(100)));
        assertFalse(CHATTER.expiredAt(Instant.MAX), "no known expiry never expires");
    }
}
