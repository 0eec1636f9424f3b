package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeidentificationSettingsTest {

    @Test
    void isImmutableAndNeverPrintsTheKey() {
        byte[] key = Fixtures.key(3);
        Set<String> kept = new HashSet<>(Set.of("http://example.org/ext"));
        DeidentificationSettings settings = new DeidentificationSettings(key, kept);

        key[5] = 99;
        kept.add("http://example.org/other");
        settings.key()[6] = 99;

        assertThat(settings.key()).isEqualTo(Fixtures.key(3));
        assertThat(settings.keptPatientExtensionUrls()).containsExactly("http://example.org/ext");
        assertThat(settings).isEqualTo(new DeidentificationSettings(Fixtures.key(3), Set.of("http://example.org/ext")));
        assertThat(settings.toString()).contains("32 bytes").doesNotContain("3, 3");
    }

    @Test
    void shortKeysAreRejected() {
        assertThatThrownBy(() -> DeidentificationSettings.withKey(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
