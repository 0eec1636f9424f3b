package io.annota.deid;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable configuration of the de-identification.
 *
 * @param key                      the pseudonymisation key (at least 32 bytes); copied on the way in and out,
 *                                 never printed by {@link #toString()}
 * @param keptPatientExtensionUrls URLs of Patient extensions that may be kept (e.g. a race or ethnicity
 *                                 extension a study needs); every other Patient extension is removed
 */
public record DeidentificationSettings(byte[] key, Set<String> keptPatientExtensionUrls) {

    public DeidentificationSettings {
        Objects.requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException("the pseudonymisation key must have at least 256 bits");
        }
        key = key.clone();
        keptPatientExtensionUrls = keptPatientExtensionUrls == null ? Set.of() : Set.copyOf(keptPatientExtensionUrls);
    }

    /** Settings with {@code key} that keep no Patient extension. */
    public static DeidentificationSettings withKey(byte[] key) {
        return new DeidentificationSettings(key, Set.of());
    }

    /** A copy of the key. */
    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeidentificationSettings that
                && Arrays.equals(key, that.key)
                && keptPatientExtensionUrls.equals(that.keptPatientExtensionUrls);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + keptPatientExtensionUrls.hashCode();
    }

    @Override
    public String toString() {
        return "DeidentificationSettings[key=<" + key.length + " bytes>, keptPatientExtensionUrls="
                + keptPatientExtensionUrls + "]";
    }
}
