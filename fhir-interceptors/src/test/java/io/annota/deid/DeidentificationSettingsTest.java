package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeidentificationSettingsTest {

    @Test
    void keyIsCopiedAndNeverPrinted() {
        byte[] key = Fixtures.key(3);
        DeidentificationSettings settings = new DeidentificationSettings(key, null, Path.of("rules.yaml"));
        key[0] ^= 1;

        assertThat(settings.key()).isEqualTo(Fixtures.key(3));
        assertThat(settings.toString()).doesNotContain(java.util.Arrays.toString(Fixtures.key(3))).contains("<32 bytes>");
        assertThat(settings.profile()).isEqualTo(DeidentificationSettings.SAFE_HARBOR);
        assertThat(settings).isEqualTo(new DeidentificationSettings(Fixtures.key(3), "safe-harbor", Path.of("rules.yaml")));
    }

    @Test
    void shortKeysAreRejected() {
        assertThatThrownBy(() -> DeidentificationSettings.withKey(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
