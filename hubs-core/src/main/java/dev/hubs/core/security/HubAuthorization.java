package dev.hubs.core.security;

import dev.hubs.core.dispatch.HubDefinitionException;
import dev.hubs.core.dispatch.HubMethod;
import dev.hubs.core.dispatch.HubMethodTable;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The access rules of one hub, read once at deployment from the standard annotations.
 *
 * <ul>
 *   <li>On the hub class, a rule applies to the connection itself: a caller who does not satisfy it cannot
 *       negotiate or open one (HTTP 401 without an identity, 403 with the wrong one).</li>
 *   <li>On a hub method, a rule applies to each invocation: a caller who does not satisfy it gets SignalR's error
 *       Completion {@code Failed to invoke 'name' because user is unauthorized} and keeps the connection. A method
 *       without an annotation takes the class's rule, as the Jakarta Annotations specification says.</li>
 * </ul>
 */
public final class HubAuthorization {

    private final AccessRule hubRule;
    private final Map<Method, AccessRule> methodRules;
    private final Set<String> roleNames;

    private HubAuthorization(AccessRule hubRule, Map<Method, AccessRule> methodRules, Set<String> roleNames) {
        this.hubRule = hubRule;
        this.methodRules = Map.copyOf(methodRules);
        this.roleNames = Set.copyOf(roleNames);
    }

    /**
     * Reads the rules of a hub.
     *
     * @param methods the hub's method table
     * @return the rules
     * @throws HubDefinitionException when a class or method carries more than one of the annotations
     */
    public static HubAuthorization of(HubMethodTable methods) {
        List<String> problems = new ArrayList<>();
        Class<?> hubClass = methods.hubClass();
        AccessRule hubRule = rule(hubClass, "the hub class", problems);
        if (hubRule == null) {
            hubRule = AccessRule.PERMIT_ALL;
        }
        Map<Method, AccessRule> methodRules = new HashMap<>();
        Set<String> names = new LinkedHashSet<>(hubRule.roles());
        for (HubMethod method : methods.methods()) {
            AccessRule own = rule(method.method(), "method " + method.name(), problems);
            AccessRule effective = own == null ? hubRule : own;
            methodRules.put(method.method(), effective);
            names.addAll(effective.roles());
        }
        if (!problems.isEmpty()) {
            throw new HubDefinitionException(hubClass, problems);
        }
        return new HubAuthorization(hubRule, methodRules, names);
    }

    /**
     * The rule a caller must satisfy to negotiate or open a connection.
     *
     * @return the class-level rule
     */
    public AccessRule hubRule() {
        return hubRule;
    }

    /**
     * The rule of an invocation.
     *
     * @param method the hub method
     * @return its rule, the class's when it has none of its own
     */
    public AccessRule methodRule(HubMethod method) {
        return methodRules.getOrDefault(method.method(), hubRule);
    }

    /**
     * Every role the hub's annotations name: the roles whose membership is decided when a connection is made.
     *
     * @return the role names
     */
    public Set<String> roleNames() {
        return roleNames;
    }

    /**
     * Whether every caller may connect and call every method.
     *
     * @return {@code true} when no annotation restricts anything
     */
    public boolean unrestricted() {
        return methodRules.values().stream().allMatch(AccessRule::permitsAll) && hubRule.permitsAll();
    }

    private static AccessRule rule(AnnotatedElement element, String what, List<String> problems) {
        RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
        boolean permit = element.isAnnotationPresent(PermitAll.class);
        boolean deny = element.isAnnotationPresent(DenyAll.class);
        int count = (roles != null ? 1 : 0) + (permit ? 1 : 0) + (deny ? 1 : 0);
        if (count > 1) {
            problems.add(what + " carries more than one of @RolesAllowed, @PermitAll and @DenyAll");
            return null;
        }
        if (deny) {
            return AccessRule.DENY_ALL;
        }
        if (permit) {
            return AccessRule.PERMIT_ALL;
        }
        if (roles != null) {
            // @RolesAllowed({}) names no role: nobody can have one of them, which is @DenyAll.
            return roles.value().length == 0 ? AccessRule.DENY_ALL
                    : AccessRule.rolesAllowed(new LinkedHashSet<>(Arrays.asList(roles.value())));
        }
        return null;
    }
}
