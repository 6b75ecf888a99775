package dev.hubs.core.connection;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes connection ids and tokens: 128 random bits from {@link SecureRandom}, Base64url without padding
 * (22 characters), the same shape as the ASP.NET Core server's. The public id and the secret token are drawn
 * separately, so knowing one tells nothing of the other.
 */
public final class ConnectionIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private ConnectionIds() {
    }

    /**
     * A new random id.
     *
     * @return 22 Base64url characters carrying 128 random bits
     */
    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
