package io.annota.server.intake.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts dead letters' message text at rest: AES-256-GCM with a random nonce per message, under a key derived
 * from the pseudonymisation key as HMAC-SHA256(key, {@value #LABEL}), so it is not the key that makes pseudonyms.
 * Unlike {@code FieldCipher} (deterministic, to keep values linkable) equal messages give unequal ciphertexts:
 * nothing is to be linked here. The dead letter's id is bound in as associated data, so a ciphertext copied into
 * another row does not open. Output: {@value #PREFIX} + base64 (nonce, ciphertext, tag). Thread-safe.
 */
public final class DeadLetterCipher {

    static final String LABEL = "annota-dead-letter-v1";
    static final String PREFIX = "dl1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public DeadLetterCipher(byte[] pseudonymKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pseudonymKey, "HmacSHA256"));
            this.key = new SecretKeySpec(mac.doFinal(LABEL.getBytes(StandardCharsets.US_ASCII)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    /** The ciphertext of {@code text}, for the dead letter {@code id}. */
    public String seal(String id, String text) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, id);
            byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * The text sealed for dead letter {@code id}.
     *
     * @throws DeadLetterUnreadableException if it was sealed under another key or for another id, or altered: the
     *         text is never guessed at
     */
    public String open(String id, String sealed) {
        byte[] in;
        try {
            in = sealed != null && sealed.startsWith(PREFIX)
                    ? Base64.getDecoder().decode(sealed.substring(PREFIX.length())) : new byte[0];
        } catch (IllegalArgumentException e) {
            in = new byte[0];
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new DeadLetterUnreadableException(id, "malformed ciphertext");
        }
        try {
            byte[] nonce = Arrays.copyOf(in, NONCE_BYTES);
            byte[] text = cipher(Cipher.DECRYPT_MODE, nonce, id).doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(text, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new DeadLetterUnreadableException(id, "sealed under another key, or altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String id) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
