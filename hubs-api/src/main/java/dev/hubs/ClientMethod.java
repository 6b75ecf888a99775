package dev.hubs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the client-side name of a method of a typed client interface, when it differs from the Java name.
 *
 * <pre>{@code
 * public interface ChatClient {
 *     @ClientMethod("ReceiveMessage")
 *     void receiveMessage(String user, String message);
 * }
 * }</pre>
 *
 * <p>Without it a call is sent under the Java method name, which is what the client registers with
 * {@code connection.on(name, ...)} (client-side names are matched case-insensitively by the official clients).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ClientMethod {

    /**
     * The name the client registered its handler under.
     *
     * @return the client-side method name
     */
    String value();
}
