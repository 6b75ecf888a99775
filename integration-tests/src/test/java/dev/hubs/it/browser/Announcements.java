package dev.hubs.it.browser;

import jakarta.json.Json;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * A program outside the browser that posts to the sample's announcements endpoint ({@code POST api/announcements},
 * {@code dev.hubs.sample.AnnouncementResource}) with {@code java.net.http}: anonymously, or signed in through the
 * sample's form login as a person would (its sign-in cookie then comes with every request).
 */
final class Announcements {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URL base;
    private final CookieManager cookies;
    private final HttpClient http;

    private Announcements(URL base, CookieManager cookies, HttpClient http) {
        this.base = base;
        this.cookies = cookies;
        this.http = http;
    }

    /** A client that has not signed in. */
    static Announcements anonymous(URL base) {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        return new Announcements(base, cookies, client(cookies));
    }

    /**
     * A client signed in through the form login: it asks for the protected {@code signin.html}, is sent to the login
     * form, posts the user and password to {@code j_security_check} and is sent back, now with the sign-in cookie.
     *
     * @throws AssertionError when the login does not end on {@code signin.html}
     */
    static Announcements signedIn(URL base, String user, String password) throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient http = client(cookies);
        send(http, HttpRequest.newBuilder(resolve(base, "signin.html")).GET());
        String form = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&j_password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> login = send(http, HttpRequest.newBuilder(resolve(base, "j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (login.statusCode() != 200 || !login.uri().getPath().endsWith("/signin.html")) {
            throw new AssertionError("Signing in as " + user + " ended at " + login.uri() + " with "
                    + login.statusCode() + ": " + login.body());
        }
        return new Announcements(base, cookies, http);
    }

    /**
     * The cookies this client holds for the application, as a {@code Cookie} header: after signing in, the sign-in
     * cookie, which another client (the official Java client's {@code withHeader}) can present as the same user.
     */
    String cookieHeader() {
        return cookies.getCookieStore().get(resolve(base, "")).stream()
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
    }

    /** Posts {@code {"text": text}} as JSON. */
    HttpResponse<String> announce(String text) throws IOException, InterruptedException {
        return post("application/json", Json.createObjectBuilder().add("text", text).build().toString());
    }

    /** Posts a body of any type. */
    HttpResponse<String> post(String contentType, String body) throws IOException, InterruptedException {
        return send(http, HttpRequest.newBuilder(resolve(base, "api/announcements"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpClient client(CookieManager cookies) {
        return HttpClient.newBuilder()
                // HTTP/1.1, as every test here: no h2c upgrade attempt on plain http.
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(TIMEOUT)
                .build();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI resolve(URL base, String path) {
        return URI.create(base.toString()).resolve(path);
    }
}
