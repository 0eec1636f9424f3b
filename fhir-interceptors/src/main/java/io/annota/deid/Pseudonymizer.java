package io.annota.deid;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms: HMAC-SHA256 over a domain and a value. The same key, domain and value always give
 * the same pseudonym, so records of one patient stay linked across messages, resources and runs; without
 * the key a pseudonym cannot be reversed or recomputed from a guessed value.
 *
 * <p>The domain separates namespaces (an identifier system, a resource type, "fingerprint"), so that
 * equal values in different namespaces do not collide into one pseudonym. Thread-safe.
 */
public final class Pseudonymizer {

    private static final String ALGORITHM = "HmacSHA256";
    /** Unit separator: cannot occur in an HL7 field or a FHIR system URI, so domain|value is unambiguous. */
    private static final char SEPARATOR = '\u001f';
    /** 20 bytes (160 bits) keep resource ids short while collisions stay out of reach. */
    private static final int ID_BYTES = 20;

    private static final Pattern PSEUDONYM = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern RESOURCE_ID = Pattern.compile("a[0-9a-f]{40}");
    private static final Pattern SERVER_ID = Pattern.compile("[0-9]{1,19}");

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public Pseudonymizer(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException("the pseudonymisation key must have at least 256 bits, got " + key.length * 8);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The full 64-hex-digit pseudonym of {@code value} within {@code domain}. */
    public String pseudonym(String domain, String value) {
        return HexFormat.of().formatHex(digest(domain, value));
    }

    /**
     * Whether {@code value} has the form of a {@link #pseudonym}: 64 lower-case hex digits. De-identification
     * leaves such values alone, so that writing a stored (already pseudonymised) resource again, which HAPI does
     * within transactions and clients do on update, does not hash the pseudonym a second time and break linkage.
     * A real identifier of exactly this form is itself an opaque hash and carries no readable identity.
     */
    public static boolean isPseudonym(String value) {
        return value != null && PSEUDONYM.matcher(value).matches();
    }

    /**
     * A FHIR-legal resource id (letters and digits, 41 characters, never all digits) standing for the source
     * record {@code sourceKey} of {@code resourceType}. Intake uses it so that a record sent twice updates the
     * same resource instead of creating a copy, without the source identifier appearing in the URL.
     */
    public String resourceId(String resourceType, String sourceKey) {
        byte[] digest = digest("id:" + resourceType, sourceKey);
        return "a" + HexFormat.of().formatHex(digest, 0, ID_BYTES);
    }

    /** Whether {@code idPart} has the form of a {@link #resourceId}. */
    public static boolean isResourceId(String idPart) {
        return idPart != null && RESOURCE_ID.matcher(idPart).matches();
    }

    /**
     * The id under which Annota stores the resource a client calls {@code resourceType/idPart}, and the id every
     * reference to it is rewritten to. Ids the server assigned (all digits: HAPI refuses purely numeric ids from
     * clients) and ids that already are pseudonyms are kept, so the mapping is idempotent and links to
     * server-assigned ids survive; any other client-assigned id may carry identity ("mrn-12345",
     * "john-smith") and becomes {@link #resourceId}{@code (resourceType, idPart)}: the same source id gives
     * the same pseudonym in every message, resource and run with the same key.
     */
    public String pseudonymousId(String resourceType, String idPart) {
        Objects.requireNonNull(resourceType, "resourceType");
        if (idPart == null || SERVER_ID.matcher(idPart).matches() || isResourceId(idPart)) {
            return idPart;
        }
        return resourceId(resourceType, idPart);
    }

    private byte[] digest(String domain, String value) {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(value, "value");
        Mac mac = macs.get();
        mac.update(domain.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) SEPARATOR);
        return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
