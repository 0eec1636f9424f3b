package io.annota.nlp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Opens a path the way cTAKES does for its configuration: as a file first, then on the classpath. */
final class ResourceLocator {

    private ResourceLocator() {
    }

    static Optional<InputStream> open(String location) throws IOException {
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        try {
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                return Optional.of(Files.newInputStream(file));
            }
        } catch (RuntimeException invalidPath) {
            // not a usable file name: try the classpath
        }
        String resource = location.startsWith("/") ? location.substring(1) : location;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ResourceLocator.class.getClassLoader();
        }
        return Optional.ofNullable(loader.getResourceAsStream(resource));
    }

    static boolean exists(String location) {
        try {
            Optional<InputStream> in = open(location);
            if (in.isPresent()) {
                in.get().close();
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code dir/name.bsv} -> {@code dir/name-codes.tsv}. */
    static String codesFileFor(String bsvPath) {
        int dot = bsvPath.lastIndexOf('.');
        int slash = Math.max(bsvPath.lastIndexOf('/'), bsvPath.lastIndexOf('\\'));
        String stem = dot > slash ? bsvPath.substring(0, dot) : bsvPath;
        return stem + "-codes.tsv";
    }
}
