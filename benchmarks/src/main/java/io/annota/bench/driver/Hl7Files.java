package io.annota.bench.driver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * HL7 v2 messages read from files for a replay: a file, a directory (read recursively) or a glob such as
 * {@code /data/hl7v2/**} or {@code msgs/*.hl7}. Files that do not start with an MSH segment (after an optional byte
 * order mark and white space) are skipped, so a folder may also hold JSON, licences and the like. Line ends become
 * CR (the HL7 segment separator); a file holding several messages is split at each MSH segment. Bytes are kept as
 * stored otherwise (character set, byte order mark), so the server sees what the sender wrote.
 */
public final class Hl7Files {

    private static final byte CR = 0x0d;
    private static final byte LF = 0x0a;

    private Hl7Files() {
    }

    /**
     * The messages of every matching file, in path order, each with its set: the folder directly below the base
     * (the given folder, or the fixed part of a glob) that holds the file, named by the deepest folder all its
     * message files share (e.g. {@code microsoft-fhir-converter/messages}); files directly in the base form a set
     * named after the base.
     */
    public static List<Hl7Message> load(String dirOrGlob) throws IOException {
        Selection selection = select(dirOrGlob);
        Map<Path, List<Path>> byTop = new LinkedHashMap<>();
        for (Path file : selection.files()) {
            Path relative = selection.base().relativize(file);
            byTop.computeIfAbsent(relative.getNameCount() > 1 ? relative.getName(0) : null, k -> new ArrayList<>())
                    .add(relative);
        }
        List<Hl7Message> messages = new ArrayList<>();
        for (Map.Entry<Path, List<Path>> top : byTop.entrySet()) {
            String set = top.getKey() == null ? name(selection.base()) : commonFolder(top.getValue());
            for (Path relative : top.getValue()) {
                for (byte[] message : split(Files.readAllBytes(selection.base().resolve(relative)))) {
                    messages.add(new Hl7Message(set, message));
                }
            }
        }
        return messages;
    }

    /** The matching files that look like HL7 v2 (first segment MSH), sorted. */
    public static List<Path> files(String dirOrGlob) throws IOException {
        return select(dirOrGlob).files();
    }

    /** The folder the selection starts from and the matching files below it. */
    private record Selection(Path base, List<Path> files) {
    }

    private static Selection select(String dirOrGlob) throws IOException {
        int glob = firstGlobChar(dirOrGlob);
        Path base;
        PathMatcher matcher;
        if (glob < 0) {
            base = Path.of(dirOrGlob);
            matcher = path -> true;
            if (Files.isRegularFile(base)) {
                Path parent = base.toAbsolutePath().getParent();
                return new Selection(parent, looksLikeHl7(base) ? List.of(base.toAbsolutePath()) : List.of());
            }
        } else {
            int slash = dirOrGlob.lastIndexOf('/', glob);
            base = Path.of(slash < 0 ? "." : slash == 0 ? "/" : dirOrGlob.substring(0, slash));
            String pattern = base.toAbsolutePath().normalize() + "/" + dirOrGlob.substring(slash + 1);
            PathMatcher pathMatcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            matcher = path -> pathMatcher.matches(path.toAbsolutePath().normalize());
        }
        if (!Files.isDirectory(base)) {
            throw new IOException("no such directory: " + base);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : (Iterable<Path>) paths.sorted()::iterator) {
                if (Files.isRegularFile(path) && matcher.matches(path) && looksLikeHl7(path)) {
                    out.add(path);
                }
            }
        }
        return new Selection(base, out);
    }

    /** The deepest folder that every one of {@code files} (relative paths, at least one folder deep) lies in. */
    private static String commonFolder(List<Path> files) {
        Path common = files.get(0).getParent();
        for (Path file : files) {
            while (!file.startsWith(common)) {
                common = common.getParent();
            }
        }
        return common.toString();
    }

    private static String name(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? "/" : name.toString();
    }

    private static int firstGlobChar(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }

    static boolean looksLikeHl7(Path file) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        }
        int i = skipBomAndSpace(head, 0);
        return head.length - i >= 4 && head[i] == 'M' && head[i + 1] == 'S' && head[i + 2] == 'H';
    }

    private static boolean isMsh(byte[] data, int i) {
        return i + 3 < data.length && data[i] == 'M' && data[i + 1] == 'S' && data[i + 2] == 'H';
    }

    private static boolean isBom(byte[] data, int i) {
        return i + 2 < data.length && (data[i] & 0xff) == 0xEF && (data[i + 1] & 0xff) == 0xBB
                && (data[i + 2] & 0xff) == 0xBF;
    }

    private static int skipBomAndSpace(byte[] data, int from) {
        int i = from;
        if (data.length - i >= 3 && (data[i] & 0xff) == 0xEF && (data[i + 1] & 0xff) == 0xBB
                && (data[i + 2] & 0xff) == 0xBF) {
            i += 3;
        }
        while (i < data.length && (data[i] == ' ' || data[i] == '\t' || data[i] == CR || data[i] == LF)) {
            i++;
        }
        return i;
    }

    /**
     * CRLF and LF become CR; the content is split before every segment that starts with {@code MSH} (or with a
     * byte order mark and {@code MSH}, as in concatenated files); trailing blank lines are dropped. A byte order
     * mark stays with its message.
     */
    public static List<byte[]> split(byte[] content) {
        ByteArrayOutputStream normalised = new ByteArrayOutputStream(content.length);
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (b == CR && i + 1 < content.length && content[i + 1] == LF) {
                continue; // CRLF: the LF writes the CR
            }
            normalised.write(b == LF ? CR : b);
        }
        byte[] data = normalised.toByteArray();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 3 < data.length; i++) {
            boolean segmentStart = i == 0 || data[i - 1] == CR;
            if (segmentStart && (isMsh(data, i) || (isBom(data, i) && isMsh(data, i + 3)))) {
                starts.add(i);
            }
        }
        List<byte[]> messages = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int from = k == 0 ? 0 : starts.get(k);
            int to = k + 1 < starts.size() ? starts.get(k + 1) : data.length;
            int end = to;
            while (end > from && (data[end - 1] == CR || data[end - 1] == ' ' || data[end - 1] == '\t')) {
                end--;
            }
            byte[] message = new byte[end - from + 1];
            System.arraycopy(data, from, message, 0, end - from);
            message[message.length - 1] = CR;
            messages.add(message);
        }
        return messages;
    }
}
