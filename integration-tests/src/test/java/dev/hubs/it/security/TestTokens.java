package dev.hubs.it.security;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Signed JSON Web Tokens for the security tests, made with the JDK alone: an RSA key pair generated when the tests
 * start (never a key from anywhere else), RS256 signatures ({@code SHA256withRSA}), and the claims MicroProfile JWT
 * asks for. The server validates them with its own MicroProfile JWT, configured by the test WAR
 * ({@link #configure(WebArchive, String...)}): the public key, the issuer and the audience.
 */
public final class TestTokens {

    /** The issuer the test WARs trust. */
    public static final String ISSUER = "https://issuer.hubs.test";
    /** The audience the test WARs expect. */
    public static final String AUDIENCE = "hubs-it";

    private static final KeyPair KEYS = generate();
    /** Another key pair, whose signatures the server must reject. */
    private static final KeyPair FOREIGN_KEYS = generate();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {
    }

    /**
     * A valid token.
     *
     * @param user   the {@code upn}, the principal's name
     * @param groups the groups, which MicroProfile JWT maps to roles
     * @return the token
     */
    public static String token(String user, String... groups) {
        return sign(KEYS, user, List.of(groups), Instant.now().plus(Duration.ofHours(1)), ISSUER);
    }

    /**
     * A token that expires after a while.
     *
     * @param validFor how long it is valid from now
     * @param user     the {@code upn}
     * @param groups   the groups
     * @return the token
     */
    public static String expiringToken(Duration validFor, String user, String... groups) {
        return sign(KEYS, user, List.of(groups), Instant.now().plus(validFor), ISSUER);
    }

    /**
     * A token whose expiry has passed (by more than any clock skew a server allows).
     *
     * @param user   the {@code upn}
     * @param groups the groups
     * @return the token
     */
    public static String expiredToken(String user, String... groups) {
        return sign(KEYS, user, List.of(groups), Instant.now().minus(Duration.ofHours(1)), ISSUER);
    }

    /**
     * A well-formed token signed with a key the server does not know: a forgery.
     *
     * @param user   the {@code upn}
     * @param groups the groups
     * @return the token
     */
    public static String forgedToken(String user, String... groups) {
        return sign(FOREIGN_KEYS, user, List.of(groups), Instant.now().plus(Duration.ofHours(1)), ISSUER);
    }

    /**
     * Makes a WAR trust the test key: the public key as a PEM resource and the standard MicroProfile JWT keys in
     * {@code META-INF/microprofile-config.properties}, with any further properties (hub options).
     *
     * @param war        the archive
     * @param properties further lines of the properties file
     * @return the same archive
     */
    public static WebArchive configure(WebArchive war, String... properties) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        StringBuilder config = new StringBuilder()
                .append("mp.jwt.verify.publickey.location=META-INF/hubs-it-public-key.pem\n")
                .append("mp.jwt.verify.issuer=").append(ISSUER).append('\n')
                .append("mp.jwt.verify.audiences=").append(AUDIENCE).append('\n');
        for (String property : properties) {
            config.append(property).append('\n');
        }
        return war.addAsResource(new StringAsset(pem), "META-INF/hubs-it-public-key.pem")
                .addAsResource(new StringAsset(config.toString()), "META-INF/microprofile-config.properties");
    }

    private static String sign(KeyPair keys, String user, List<String> groups, Instant expires, String issuer) {
        long now = Instant.now().getEpochSecond();
        String groupsJson = groups.stream().map(group -> "\"" + group + "\"").collect(Collectors.joining(","));
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + user
                + "\",\"upn\":\"" + user + "\",\"groups\":[" + groupsJson + "],\"iat\":" + Math.min(now,
                expires.getEpochSecond() - 60) + ",\"exp\":" + expires.getEpochSecond() + ",\"jti\":\""
                + UUID.randomUUID() + "\"}";
        String signingInput = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK signs with SHA256withRSA", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK generates RSA keys", e);
        }
    }
}
