package io.annota.deid;

import java.util.Set;

/**
 * Keyed fingerprints of each patient's own identifying values (name parts, identifiers, phone numbers,
 * address phrases, birth date), remembered when the Patient is de-identified and used later to find those
 * values in free text of the same patient's documents. Only keyed hashes are stored, never cleartext.
 *
 * <p>Implementations must be thread-safe.
 */
public interface KnownIdentifierStore {

    /**
     * Adds {@code fingerprints} to those already known for the patient (a merge, never a replacement).
     *
     * @param patientId the logical id of the Patient resource only (e.g. {@code a1b2c3}), without type,
     *                  base URL or version
     */
    void remember(String patientId, Set<String> fingerprints);

    /** All fingerprints known for the patient; empty (never null) if none. */
    Set<String> fingerprints(String patientId);

    /**
     * Remembers the seed of the patient's date offset unless one is already known, and returns the one in
     * effect: the first seed a patient got stays, so every later resource of the patient moves by the same offset.
     * A seed is a keyed hash or a logical id, never a value of the patient.
     */
    String rememberDateShiftSeed(String patientId, String seed);

    /** The patient's date-shift seed, or null if none was remembered. */
    String dateShiftSeed(String patientId);
}
