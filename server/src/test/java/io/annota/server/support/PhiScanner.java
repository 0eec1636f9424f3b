package io.annota.server.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Looks for injected identifiers ("needles") in everything a test run left behind: every character and binary
 * column of every table of the database (gzip-compressed values, such as HAPI's compressed resource text, are
 * decompressed first), everything logged while a {@link LogCapture} was attached, files, and response bodies.
 *
 * <p>Base64 payloads of FHIR attachments ({@code "data":"..."} in JSON, {@code <data value="..."/>} in XML) are
 * decoded (and gunzipped) and scanned as well: a note posted as a DocumentReference is stored that way.
 *
 * <p>Matching is case-insensitive. Words match as whole words; numbers match only where no other letter or
 * digit touches them (so they are not found inside hex pseudonyms); phone numbers and SSNs match in any
 * formatting (digits with or without spaces, dots, dashes or parentheses between them).
 */
public final class PhiScanner {

    /** One injected value: its kind, where it was injected (the write path), and the value. */
    public record Needle(String kind, String origin, String value, Pattern pattern) {

        public static Needle text(String kind, String origin, String value) {
            return new Needle(kind, origin, value, Pattern.compile(boundaries(value), Pattern.CASE_INSENSITIVE
                    | Pattern.UNICODE_CASE));
        }

        /** A number in any formatting: its digits with up to two separators between each. */
        public static Needle digits(String kind, String origin, String value) {
            String digits = value.replaceAll("\\D", "");
            StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])");
            for (int i = 0; i < digits.length(); i++) {
                if (i > 0) {
                    regex.append("[\\s().\\-/]{0,2}");
                }
                regex.append(digits.charAt(i));
            }
            regex.append("(?![\\p{L}\\p{N}])");
            return new Needle(kind, origin, value, Pattern.compile(regex.toString()));
        }

        private static String boundaries(String value) {
            String quoted = Pattern.quote(value);
            boolean wordStart = Character.isLetterOrDigit(value.charAt(0));
            boolean wordEnd = Character.isLetterOrDigit(value.charAt(value.length() - 1));
            return (wordStart ? "(?<![\\p{L}\\p{N}])" : "") + quoted + (wordEnd ? "(?![\\p{L}\\p{N}])" : "");
        }

        /** False only if the needle cannot match: its literal (lower case) or its digits are not in the text. */
        boolean mayBeIn(String lowerText, String digitsOfText) {
            if (pattern.flags() == 0) {
                return digitsOfText.contains(value.replaceAll("\\D", ""));
            }
            return lowerText.contains(value.toLowerCase(Locale.ROOT));
        }

        public boolean foundIn(String haystack) {
            return haystack != null && pattern.matcher(haystack).find();
        }
    }

    /** A needle found somewhere. */
    public record Finding(Needle needle, String where, String context) {
        @Override
        public String toString() {
            return needle.kind() + " from " + needle.origin() + " '" + needle.value() + "' in " + where + ": ..."
                    + context + "...";
        }
    }

    /** Shortest value looked for in binary files; shorter ones match random bytes (see {@link #scanFiles}). */
    static final int MIN_BINARY_NEEDLE = 6;

    private static final Pattern DIGITS = Pattern.compile("\\D+");
    /** A FHIR attachment's base64 data in JSON (also JSON escaped inside a string) or XML. */
    private static final Pattern BASE64_DATA = Pattern.compile(
            "\\\\?\"data\\\\?\"\\s*:\\s*\\\\?\"([A-Za-z0-9+/]{8,}={0,2})\\\\?\"|<data value=\"([A-Za-z0-9+/]{8,}={0,2})\"");

    private final List<Needle> needles;

    public PhiScanner(Collection<Needle> needles) {
        this.needles = List.copyOf(needles);
    }

    public List<Needle> needles() {
        return needles;
    }

    /** Every needle in {@code text} and in the base64 attachment data inside it, reported as {@code where}. */
    public List<Finding> scan(String where, String text) {
        List<Finding> findings = scanText(where, text);
        if (text == null || !text.contains("data")) {
            return findings;
        }
        Matcher data = BASE64_DATA.matcher(text);
        while (data.find()) {
            String base64 = data.group(1) != null ? data.group(1) : data.group(2);
            byte[] bytes;
            try {
                bytes = java.util.Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            findings.addAll(scanText(where + " (base64 data)", decode(bytes)));
        }
        return findings;
    }

    private List<Finding> scanText(String where, String text) {
        List<Finding> findings = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return findings;
        }
        // necessary conditions checked first: a regular expression per needle over a large file is slow
        String lower = text.toLowerCase(Locale.ROOT);
        String digits = DIGITS.matcher(text).replaceAll("");
        for (Needle needle : needles) {
            if (!needle.mayBeIn(lower, digits)) {
                continue;
            }
            Matcher matcher = needle.pattern().matcher(text);
            if (matcher.find()) {
                int from = Math.max(0, matcher.start() - 40);
                int to = Math.min(text.length(), matcher.end() + 40);
                findings.add(new Finding(needle, where, text.substring(from, to).replaceAll("\\s+", " ")));
            }
        }
        return findings;
    }

    /**
     * Every needle in any character or binary column of any table of the database's {@code PUBLIC} schema.
     * Runs {@code CHECKPOINT} first on H2 so that the data is also in the file (for {@link #scanFiles}).
     */
    public List<Finding> scanDatabase(DataSource dataSource) {
        List<Finding> findings = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            Map<String, List<String>> columns = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM "
                            + "INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME")) {
                while (rs.next()) {
                    String type = rs.getString(3).toUpperCase(Locale.ROOT);
                    if (type.contains("CHAR") || type.contains("CLOB") || type.contains("BINARY")
                            || type.contains("BLOB") || type.contains("LARGE OBJECT") || type.contains("JSON")
                            || type.contains("TEXT")) {
                        columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
            }
            for (Map.Entry<String, List<String>> table : columns.entrySet()) {
                for (String column : table.getValue()) {
                    String where = table.getKey() + "." + column;
                    try (Statement statement = connection.createStatement();
                            ResultSet rs = statement.executeQuery("SELECT \"" + column + "\" FROM \"PUBLIC\".\""
                                    + table.getKey() + "\"")) {
                        boolean binary = isBinary(rs.getMetaData().getColumnType(1));
                        while (rs.next()) {
                            String text = binary ? decode(rs.getBytes(1)) : rs.getString(1);
                            findings.addAll(scan(where, text));
                        }
                    }
                }
            }
            if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CHECKPOINT");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database scan failed", e);
        }
        return distinct(findings);
    }

    /**
     * Every needle in the files under {@code root} (read as UTF-8 and as ISO-8859-1, gzip decompressed). In binary
     * files (any NUL byte: the database file) only values of at least {@value #MIN_BINARY_NEEDLE} characters are
     * looked for: shorter ones occur among random bytes by chance; the database's content is scanned column by
     * column by {@link #scanDatabase} anyway.
     */
    public List<Finding> scanFiles(Path root) {
        List<Finding> findings = new ArrayList<>();
        if (root == null || !Files.isDirectory(root)) {
            return findings;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException vanished) {
                    continue;
                }
                boolean binary = false;
                for (byte b : bytes) {
                    if (b == 0) {
                        binary = true;
                        break;
                    }
                }
                // In binary files (the database file) short values turn up by chance among random bytes.
                PhiScanner scanner = binary ? new PhiScanner(needles.stream()
                        .filter(n -> n.value().length() >= MIN_BINARY_NEEDLE).toList()) : this;
                findings.addAll(scanner.scan(file.toString(), decode(bytes)));
                findings.addAll(scanner.scan(file.toString(), new String(bytes, StandardCharsets.ISO_8859_1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return distinct(findings);
    }

    private static boolean isBinary(int sqlType) {
        return sqlType == java.sql.Types.BLOB || sqlType == java.sql.Types.BINARY
                || sqlType == java.sql.Types.VARBINARY || sqlType == java.sql.Types.LONGVARBINARY;
    }

    /** Bytes as UTF-8 text, gunzipped first when they are gzip. */
    static String decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length > 2 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException notGzip) {
                // fall through: scan the bytes as they are
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<Finding> distinct(List<Finding> findings) {
        Set<String> seen = new LinkedHashSet<>();
        List<Finding> out = new ArrayList<>();
        for (Finding finding : findings) {
            if (seen.add(finding.needle().kind() + finding.needle().value() + finding.where())) {
                out.add(finding);
            }
        }
        return out;
    }

    /** Collects every event logged through Logback's root logger while attached (message, arguments, stack). */
    public static final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

        private final List<String> lines = new ArrayList<>();
        private final Logger root;

        private LogCapture() {
            root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            setName("phi-scanner-capture");
            setContext(root.getLoggerContext());
        }

        /** Starts capturing everything logged from now on, at every level the loggers let through. */
        public static LogCapture attach() {
            LogCapture capture = new LogCapture();
            capture.start();
            capture.root.addAppender(capture);
            return capture;
        }

        @Override
        protected synchronized void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    line.append(' ').append(argument);
                }
            }
            if (event.getMDCPropertyMap() != null) {
                line.append(' ').append(event.getMDCPropertyMap());
            }
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    line.append(' ').append(frame.getSTEAsString());
                }
            }
            lines.add(line.toString());
        }

        /** What was captured so far, one entry per event. */
        public synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void close() {
            root.detachAppender(this);
            stop();
        }
    }
}
