package io.annota.server.intake.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads secret files (tokens, passwords, client secrets); their content is never logged nor put in messages. */
final class Secrets {

    private Secrets() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("secret file " + file + " cannot be read", e);
        }
    }
}
