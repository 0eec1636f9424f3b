package io.annota.server.deid;

import io.annota.server.config.AnnotaProperties;
import io.annota.server.config.DeidProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supplies the pseudonymisation key, from the first of: {@code annota.deid.key} (base64), the file named by
 * {@code annota.deid.key-file} (base64), or {@code <data-dir>/secrets/pseudonym.key}, generated at first start.
 * Setting both {@code key} and {@code key-file} is refused as ambiguous. A key shorter than 32 bytes, malformed
 * base64 or an unreadable file stops start-up with a message naming the setting or the file, never the key or
 * the file's contents; the key itself is never logged.
 */
public final class PseudonymKeyProvider {

    private static final Logger log = LoggerFactory.getLogger(PseudonymKeyProvider.class);
    private static final int KEY_BYTES = 32;

    private PseudonymKeyProvider() {
    }

    public static byte[] load(DeidProperties deid, AnnotaProperties annota) {
        boolean hasKey = deid.key() != null && !deid.key().isBlank();
        boolean hasKeyFile = deid.keyFile() != null && !deid.keyFile().toString().isBlank();
        if (hasKey && hasKeyFile) {
            throw new IllegalStateException("set only one of annota.deid.key and annota.deid.key-file");
        }
        if (hasKey) {
            return decode(deid.key().trim(), "annota.deid.key");
        }
        if (hasKeyFile) {
            return readKeyFile(deid.keyFile());
        }
        return loadOrGenerate(annota.dataDir().resolve("secrets").resolve("pseudonym.key"));
    }

    static byte[] readKeyFile(Path file) {
        String source = "annota.deid.key-file (" + file + ")";
        try {
            warnIfOthersCanRead(file);
            return decode(Files.readString(file).trim(), source);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(source + ": no such file");
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException known) {
                throw known;
            }
            // The exception message of a failed decode could quote the contents: name the class only.
            throw new IllegalStateException(source + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
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

    private static void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.GROUP_READ)) {
                log.warn("The pseudonymisation key file {} is readable by others than its owner ({}); "
                        + "restrict it to the owner (chmod 600)", file, PosixFilePermissions.toString(permissions));
            }
        } catch (IOException | UnsupportedOperationException notPosix) {
            // Not a POSIX file system, or the file is missing (reported when it is read).
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
