package io.annota.server.intake.upstream;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny OAuth2 token endpoint (client credentials, client authenticated with HTTP basic) on a loopback port:
 * issues {@code token-1}, {@code token-2}, ... to the one client it knows.
 */
final class TokenEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> scopes = new CopyOnWriteArrayList<>();

    TokenEndpoint(String clientId, String secret) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    && form.contains("grant_type=client_credentials");
            for (String pair : form.split("&")) {
                if (pair.startsWith("scope=")) {
                    scopes.add(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
                }
            }
            byte[] body = (ok ? "{\"access_token\":\"token-" + issued.incrementAndGet()
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":300}" : "{\"error\":\"invalid_client\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    int issued() {
        return issued.get();
    }

    List<String> scopes() {
        return scopes;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
