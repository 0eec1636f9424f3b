package io.annota.server.intake.upstream;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annota.intake.channel.FhirPullSettings;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * OAuth2 client credentials (RFC 6749 4.4): a token from the token endpoint (client authenticated with HTTP basic,
 * as the RFC recommends), kept until the upstream answers 401, then fetched again ({@link #refresh()}). The token
 * and the secret are never logged.
 */
public final class ClientCredentialsAuth implements IClientInterceptor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FhirPullSettings.Auth auth;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile String token;

    public ClientCredentialsAuth(FhirPullSettings.Auth auth) {
        this.auth = auth;
    }

    @Override
    public void interceptRequest(IHttpRequest request) {
        String current = token;
        if (current == null) {
            current = refresh();
        }
        request.addHeader("Authorization", "Bearer " + current);
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // a 401 is handled by the puller's retry, which calls refresh()
    }

    /** Fetches a new token from the token endpoint. */
    public synchronized String refresh() {
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(auth.clientId(), StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(Secrets.read(auth.secretFile()), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=client_credentials" + (auth.scope() == null ? ""
                : "&scope=" + URLEncoder.encode(auth.scope(), StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(auth.tokenUrl()).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AuthenticationException("token endpoint answered HTTP " + response.statusCode());
            }
            JsonNode accessToken = JSON.readTree(response.body()).get("access_token");
            if (accessToken == null || !accessToken.isTextual()) {
                throw new AuthenticationException("token endpoint answered no access_token");
            }
            token = accessToken.asText();
            return token;
        } catch (IOException e) {
            throw new ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException(e);
        }
    }
}
