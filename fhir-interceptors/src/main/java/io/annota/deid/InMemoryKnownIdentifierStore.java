package io.annota.deid;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A thread-safe {@link KnownIdentifierStore} in memory: for tests and single-node set-ups. Its content is
 * lost on restart, so documents of patients written before the restart are scrubbed by patterns only.
 */
public final class InMemoryKnownIdentifierStore implements KnownIdentifierStore {

    private final ConcurrentMap<String, Set<String>> byPatient = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> seeds = new ConcurrentHashMap<>();

    @Override
    public void remember(String patientId, Set<String> fingerprints) {
        checkPatientId(patientId);
        Objects.requireNonNull(fingerprints, "fingerprints");
        if (fingerprints.isEmpty()) {
            return;
        }
        byPatient.computeIfAbsent(patientId, id -> ConcurrentHashMap.newKeySet()).addAll(fingerprints);
    }

    @Override
    public Set<String> fingerprints(String patientId) {
        checkPatientId(patientId);
        Set<String> known = byPatient.get(patientId);
        return known == null ? Set.of() : Set.copyOf(known);
    }

    @Override
    public String rememberDateShiftSeed(String patientId, String seed) {
        checkPatientId(patientId);
        Objects.requireNonNull(seed, "seed");
        String known = seeds.putIfAbsent(patientId, seed);
        return known == null ? seed : known;
    }

    @Override
    public String dateShiftSeed(String patientId) {
        checkPatientId(patientId);
        return seeds.get(patientId);
    }

    private static void checkPatientId(String patientId) {
        if (patientId == null || patientId.isBlank() || patientId.indexOf('/') >= 0) {
            throw new IllegalArgumentException("patientId must be a bare logical id (no type, base or version)");
        }
    }
}
