package io.annota.server.intake;

import io.annota.intake.hl7.Hl7Channel;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured HL7 v2 channels by id, in configuration order. */
public final class ChannelRegistry {

    private final Map<String, Hl7Channel> channels = new LinkedHashMap<>();

    public ChannelRegistry(List<Hl7Channel> channels) {
        channels.forEach(channel -> this.channels.put(channel.settings().id(), channel));
    }

    public Optional<Hl7Channel> channel(String id) {
        return Optional.ofNullable(channels.get(id));
    }

    public Collection<Hl7Channel> channels() {
        return channels.values();
    }
}
