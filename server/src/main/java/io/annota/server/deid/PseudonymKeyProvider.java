package io.annota.server.deid;

import io.annota.server.config.AnnotaProperties;
import io.annota.server.config.DeidProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supplies the pseudonymisation key: from {@code annota.deid.key} when set, otherwise from a key file under the
 * data directory, generated at first start. The key itself is never logged.
 */
public final class PseudonymKeyProvider {

    private static final Logger log = LoggerFactory.getLogger(PseudonymKeyProvider.class);
    private static final int KEY_BYTES = 32;

    private PseudonymKeyProvider() {
    }

    public static byte[] load(DeidProperties deid, AnnotaProperties annota) {
        if (deid.key() != null && !deid.key().isBlank()) {
            return decode(deid.key().trim(), "annota.deid.key");
        }
        return loadOrGenerate(annota.dataDir().resolve("secrets").resolve("pseudonym.key"));
    }

    static byte[] loadOrGenerate(Path file) {
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            return decode(Files.readString(file).trim(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the pseudonymisation key file " + file, e);
        }
    }

    private static void generate(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return;
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key));
        log.info("Generated a new pseudonymisation key in {}; back it up: without it pseudonyms cannot be reproduced", file);
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64");
        }
        if (key.length < KEY_BYTES) {
            throw new IllegalStateException(source + " must hold at least " + KEY_BYTES + " bytes, found " + key.length);
        }
        return key;
    }
}
