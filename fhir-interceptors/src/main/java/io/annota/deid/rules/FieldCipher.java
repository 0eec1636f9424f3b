package io.annota.deid.rules;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reversible field encryption: AES-256-GCM under a key derived from the de-identification key. The nonce is a
 * keyed hash of the plaintext (a synthetic IV), so equal values encrypt to equal ciphertexts and records stay
 * linkable; GCM's nonce is never reused for two different plaintexts. Output: {@value #PREFIX} + base64url
 * (nonce, ciphertext, tag). Thread-safe.
 */
public final class FieldCipher {

    public static final String PREFIX = "enc1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec aesKey;
    private final SecretKeySpec nonceKey;

    public FieldCipher(byte[] deidentificationKey) {
        this.aesKey = new SecretKeySpec(derive(deidentificationKey, "annota:encrypt:aes"), "AES");
        this.nonceKey = new SecretKeySpec(derive(deidentificationKey, "annota:encrypt:nonce"), "HmacSHA256");
    }

    /** Whether {@code value} is a ciphertext of this format. */
    public static boolean isCiphertext(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public String encrypt(String plaintext) {
        byte[] data = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(nonceKey);
            byte[] nonce = Arrays.copyOf(mac.doFinal(data), NONCE_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(data);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** @throws IllegalArgumentException if {@code ciphertext} was not made by this key */
    public String decrypt(String ciphertext) {
        if (!isCiphertext(ciphertext)) {
            throw new IllegalArgumentException("not an " + PREFIX + " ciphertext");
        }
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(ciphertext.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed ciphertext", e);
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("malformed ciphertext");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("the ciphertext was not made with this key, or was altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static byte[] derive(byte[] key, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    /**
     * For key holders: {@code FieldCipher <key file> <ciphertext>...} prints each plaintext on its own line. The key
     * file holds the de-identification key in base64, as Annota's {@code secrets/pseudonym.key}.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FieldCipher <key file> <enc1:... ciphertext>...");
            System.exit(2);
        }
        FieldCipher cipher = new FieldCipher(Base64.getDecoder().decode(Files.readString(Path.of(args[0])).trim()));
        for (int i = 1; i < args.length; i++) {
            System.out.println(cipher.decrypt(args[i]));
        }
    }
}
