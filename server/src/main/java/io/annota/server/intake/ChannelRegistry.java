package io.annota.server.intake;

import io.annota.intake.hl7.Hl7Channel;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured HL7 v2 channels by id, in configuration order. Also the bean the channel routes' error handler
 * calls ({@code hl7Channels}) for the answer to a message whose processing failed unexpectedly.
 */
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

    /** The AE acknowledgement of channel {@code id} for {@code payload}, from the route's error handler. */
    public byte[] internalError(String id, byte[] payload) {
        return channels.get(id).internalError(payload);
    }
}
