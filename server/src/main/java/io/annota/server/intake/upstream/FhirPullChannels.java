package io.annota.server.intake.upstream;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The configured fhir-pull channels by id, in configuration order. */
public final class FhirPullChannels {

    private final Map<String, FhirPullChannel> channels;

    public FhirPullChannels(Map<String, FhirPullChannel> channels) {
        this.channels = new LinkedHashMap<>(channels);
    }

    public Optional<FhirPullChannel> channel(String id) {
        return Optional.ofNullable(channels.get(id));
    }

    public Collection<FhirPullChannel> all() {
        return channels.values();
    }
}
