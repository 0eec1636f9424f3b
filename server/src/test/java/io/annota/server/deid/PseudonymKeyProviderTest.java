package io.annota.server.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annota.server.config.AnnotaProperties;
import io.annota.server.config.DeidProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymKeyProviderTest {

    @TempDir
    Path dataDir;

    @Test
    void aKeyIsGeneratedOnceOwnerReadableOnlyAndReusedAfterwards() throws Exception {
        byte[] first = PseudonymKeyProvider.load(new DeidProperties(""), new AnnotaProperties(dataDir, false));
        byte[] second = PseudonymKeyProvider.load(new DeidProperties(null), new AnnotaProperties(dataDir, false));

        Path file = dataDir.resolve("secrets/pseudonym.key");
        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aConfiguredKeyWinsOverTheKeyFile() {
        byte[] configured = new byte[40];
        configured[0] = 7;
        byte[] loaded = PseudonymKeyProvider.load(
                new DeidProperties(Base64.getEncoder().encodeToString(configured)), new AnnotaProperties(dataDir, false));

        assertThat(loaded).isEqualTo(configured);
        assertThat(dataDir.resolve("secrets")).doesNotExist();
    }

    @Test
    void aShortOrMalformedKeyStopsStartUpNamingTheSetting() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> PseudonymKeyProvider.load(new DeidProperties(shortKey), new AnnotaProperties(dataDir, false)))
                .hasMessageContaining("annota.deid.key").hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> PseudonymKeyProvider.load(new DeidProperties("%%%"), new AnnotaProperties(dataDir, false)))
                .hasMessageContaining("annota.deid.key").hasMessageContaining("base64");
    }

    @Test
    void aKeyFileIsReadAndNeitherItsContentsNorTheKeyAppearInErrors() throws Exception {
        byte[] configured = new byte[32];
        configured[5] = 9;
        Path file = dataDir.resolve("k.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(configured) + "\n");
        assertThat(PseudonymKeyProvider.load(new DeidProperties(null, file, "safe-harbor", null),
                new AnnotaProperties(dataDir, false))).isEqualTo(configured);

        Files.writeString(file, "not-a-key-SECRETVALUE");
        assertThatThrownBy(() -> PseudonymKeyProvider.load(new DeidProperties(null, file, null, null),
                new AnnotaProperties(dataDir, false)))
                .hasMessageContaining("annota.deid.key-file").hasMessageNotContaining("SECRETVALUE");
        assertThatThrownBy(() -> PseudonymKeyProvider.load(new DeidProperties(null, dataDir.resolve("none"), null, null),
                new AnnotaProperties(dataDir, false)))
                .hasMessageContaining("annota.deid.key-file").hasMessageContaining("no such file");
    }

    @Test
    void aKeyAndAKeyFileTogetherAreRefusedAsAmbiguous() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> PseudonymKeyProvider.load(new DeidProperties(key, dataDir.resolve("k"), null, null),
                new AnnotaProperties(dataDir, false)))
                .hasMessageContaining("annota.deid.key").hasMessageContaining("key-file").hasMessageNotContaining(key);
    }

    @Test
    void theProfileAndTheRuleFileAreCheckedAtStartUp() throws Exception {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        AnnotaProperties annota = new AnnotaProperties(dataDir, false);
        assertThat(DeidentificationConfig.settings(new DeidProperties(key), annota).profile()).isEqualTo("safe-harbor");
        assertThat(DeidentificationConfig.settings(new DeidProperties(key, null, "limited-data-set", null), annota)
                .profile()).isEqualTo("limited-data-set");
        assertThatThrownBy(() -> DeidentificationConfig.settings(new DeidProperties(key, null, "safe-harbour", null), annota))
                .hasMessageContaining("annota.deid.profile").hasMessageContaining("limited-data-set");
        assertThatThrownBy(() -> DeidentificationConfig.settings(
                new DeidProperties(key, null, null, dataDir.resolve("missing.yaml")), annota))
                .hasMessageContaining("annota.deid.rules-file");
        Path rules = Files.writeString(dataDir.resolve("rules.yaml"), "rules: []\n");
        assertThat(DeidentificationConfig.settings(new DeidProperties(key, null, null, rules), annota).rulesFile())
                .isEqualTo(rules);
    }
}
