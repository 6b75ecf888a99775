package dev.hubs.it.support;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that runs once over each transport of its client: its one parameter is the transport, and its type says
 * which client's transports those are ({@link NodeClient.Transport} for the JavaScript client: WebSockets,
 * Server-Sent Events, long polling; {@link JavaTransport} for the Java client: WebSockets, long polling). The
 * transport is the name of each run, so a report and a failure say which transport failed:
 *
 * <pre>{@code
 * @OverEveryTransport
 * void joinAndLeave(Transport transport) {
 *     JsScenario groups = NodeClient.run("groups.mjs", base, transport, "joinAndLeave").scenario("joinAndLeave");
 *     ...
 * }
 * }</pre>
 *
 * <p>The test class deploys its WAR with {@link Deployments#fallbackWar}, so that the hubs offer every transport.
 * Arquillian (JUnit 5, client mode, {@code @Deployment(testable = false)}) runs each invocation of such a
 * parameterized test with its own argument. A failure message starts with the transport
 * ({@link TransportInFailures}). A test that only holds for some transports names them itself
 * ({@code @ParameterizedTest(name = "{0}") @EnumSource(names = ...)}) and says why the others are left out.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
// Without a value, the enum is the type of the test method's first parameter.
@EnumSource
@ExtendWith(TransportInFailures.class)
public @interface OverEveryTransport {
}
