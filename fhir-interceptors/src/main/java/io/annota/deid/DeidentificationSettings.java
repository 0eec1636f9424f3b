package io.annota.deid;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Immutable configuration of the de-identification.
 *
 * @param key       the pseudonymisation key (at least 32 bytes); copied on the way in and out, never printed by
 *                  {@link #toString()}. Keyed hashes, date shifts, surrogates and the encryption key derive from it.
 * @param profile   the built-in rule profile: {@code safe-harbor} (the default) or {@code limited-data-set}
 * @param rulesFile an optional YAML rule file whose rules are applied before the profile's, or null
 */
public record DeidentificationSettings(byte[] key, String profile, Path rulesFile) {

    public static final String SAFE_HARBOR = "safe-harbor";
    public static final String LIMITED_DATA_SET = "limited-data-set";

    public DeidentificationSettings {
        Objects.requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException("the pseudonymisation key must have at least 256 bits");
        }
        key = key.clone();
        profile = profile == null || profile.isBlank() ? SAFE_HARBOR : profile.trim();
    }

    /** Settings with {@code key}, the {@code safe-harbor} profile and no rule file. */
    public static DeidentificationSettings withKey(byte[] key) {
        return new DeidentificationSettings(key, SAFE_HARBOR, null);
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
                && profile.equals(that.profile)
                && Objects.equals(rulesFile, that.rulesFile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(key), profile, rulesFile);
    }

    @Override
    public String toString() {
        return "DeidentificationSettings[key=<" + key.length + " bytes>, profile=" + profile + ", rulesFile="
                + rulesFile + "]";
    }
}
