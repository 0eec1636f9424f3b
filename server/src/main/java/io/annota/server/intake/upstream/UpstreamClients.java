package io.annota.server.intake.upstream;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import io.annota.intake.channel.FhirPullSettings;

/** HAPI generic clients for upstreams, with the channel's authentication. */
public final class UpstreamClients {

    private UpstreamClients() {
    }

    /**
     * A client of {@code settings.baseUrl()}; with client credentials, {@code tokens} is registered on it and
     * must be refreshed on a 401.
     */
    public static IGenericClient create(FhirContext context, FhirPullSettings settings, ClientCredentialsAuth tokens) {
        IRestfulClientFactory factory = context.getRestfulClientFactory();
        // the upstream's CapabilityStatement is not needed and some servers protect it differently
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = context.newRestfulGenericClient(settings.baseUrl().toString());
        FhirPullSettings.Auth auth = settings.auth();
        switch (auth.mode()) {
            case BEARER -> client.registerInterceptor(new BearerTokenAuthInterceptor(
                    auth.token() != null ? auth.token() : Secrets.read(auth.secretFile())));
            case BASIC -> client.registerInterceptor(new BasicAuthInterceptor(auth.username(),
                    Secrets.read(auth.secretFile())));
            case CLIENT_CREDENTIALS -> client.registerInterceptor(tokens);
            case NONE -> { }
        }
        return client;
    }
}
