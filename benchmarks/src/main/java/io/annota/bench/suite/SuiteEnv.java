package io.annota.bench.suite;

import java.nio.file.Path;

/**
 * What a replay scenario needs to know about this run of the suite.
 *
 * @param host where the server listens
 * @param mllpPort its MLLP port
 * @param fhirBase its FHIR base URL
 * @param actuator its actuator base URL
 * @param seed base seed of this run (fresh per run, so generated data is new to the server)
 * @param hl7Files folder of HL7 v2 sample files, or null if absent
 * @param quick true for a short smoke run of the suite itself (small counts)
 * @param ndjsonExport folder of a FHIR Bulk Data export (NDJSON) the server may {@code $import}, or null if absent
 */
public record SuiteEnv(String host, int mllpPort, String fhirBase, String actuator, long seed, Path hl7Files,
        boolean quick, Path ndjsonExport) {

    /** {@code full} normally, {@code quick} in a quick run. */
    public int count(int full, int quick) {
        return this.quick ? quick : full;
    }
}
