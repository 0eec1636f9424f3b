package io.annota.server.intake.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DeadLetterCipherTest {

    private static final byte[] KEY = "dead-letter-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final String TEXT = "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5.1\rPID|1||M123||Quixote^Zebulon\r";

    private final DeadLetterCipher cipher = new DeadLetterCipher(KEY);

    @Test
    void sealedTextOpensToTheSameTextAndReadsAsNothing() {
        String sealed = cipher.seal("id-1", TEXT);

        assertThat(sealed).startsWith(DeadLetterCipher.PREFIX).doesNotContain("Quixote").doesNotContain("MSH");
        assertThat(cipher.open("id-1", sealed)).isEqualTo(TEXT);
    }

    @Test
    void theSameTextSealsDifferentlyEachTime() {
        assertThat(cipher.seal("id-1", TEXT)).isNotEqualTo(cipher.seal("id-1", TEXT));
    }

    @Test
    void anotherKeyFailsClosedWithoutQuotingTheText() {
        String sealed = cipher.seal("id-1", TEXT);
        DeadLetterCipher other = new DeadLetterCipher("another-key-another-key-another-key!".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> other.open("id-1", sealed))
                .isInstanceOf(DeadLetterUnreadableException.class)
                .hasMessageContaining("id-1")
                .hasMessageNotContaining("Quixote");
    }

    @Test
    void theKeyIsHmacOfThePseudonymKeyAndTheLabelNotThePseudonymKeyItself() throws Exception {
        byte[] sealed = Base64.getDecoder().decode(cipher.seal("id-1", TEXT).substring(DeadLetterCipher.PREFIX.length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] derived = mac.doFinal("annota-dead-letter-v1".getBytes(StandardCharsets.US_ASCII));

        assertThat(openWith(derived, sealed)).isEqualTo(TEXT);
        assertThatThrownBy(() -> openWith(Arrays.copyOf(KEY, 32), sealed)).isInstanceOf(AEADBadTagException.class);
    }

    private static String openWith(byte[] key, byte[] sealed) throws Exception {
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
        aes.updateAAD("id-1".getBytes(StandardCharsets.UTF_8));
        return new String(aes.doFinal(sealed, 12, sealed.length - 12), StandardCharsets.UTF_8);
    }

    @Test
    void aCiphertextMovedToAnotherDeadLetterOrAlteredDoesNotOpen() {
        String sealed = cipher.seal("id-1", TEXT);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(DeadLetterCipher.PREFIX.length()));
        raw[raw.length - 1] ^= 1;
        String altered = DeadLetterCipher.PREFIX + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.open("id-2", sealed)).isInstanceOf(DeadLetterUnreadableException.class);
        assertThatThrownBy(() -> cipher.open("id-1", altered)).isInstanceOf(DeadLetterUnreadableException.class);
        assertThatThrownBy(() -> cipher.open("id-1", "not sealed")).isInstanceOf(DeadLetterUnreadableException.class);
        assertThatThrownBy(() -> cipher.open("id-1", "dl1:%%%")).isInstanceOf(DeadLetterUnreadableException.class);
    }
}
