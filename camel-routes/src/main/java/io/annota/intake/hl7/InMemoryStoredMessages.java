package io.annota.intake.hl7;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link StoredMessages} in memory: for tests and tools; forgotten on restart. */
public final class InMemoryStoredMessages implements StoredMessages {

    private final ConcurrentMap<String, String> acknowledgements = new ConcurrentHashMap<>();

    @Override
    public Optional<String> acknowledgement(String messageKey) {
        return Optional.ofNullable(acknowledgements.get(messageKey));
    }

    @Override
    public void remember(String messageKey, String acknowledgement) {
        acknowledgements.putIfAbsent(messageKey, acknowledgement);
    }
}
