package io.annota.server.export;

import io.annota.server.nlp.AnnotationExtensions;
import io.annota.server.nlp.AnnotationGroups;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.util.StreamUtils;

/**
 * brat standoff in a zip: per record a {@code .txt} (the text) and an {@code .ann} with a {@code T} line per span
 * (label and character offsets; a span across line breaks is split into fragments, as brat requires), {@code A}
 * lines for the assertion flags, subject and review state, and an {@code AnnotatorNotes} line with the annotation
 * id and its codes. {@code annotation.conf} declares the labels and attributes.
 */
final class BratExportWriter implements ExportWriter {

    static final String CONFIG = "annotation.conf";
    /** brat needs the values of a multi-valued attribute listed (subjects: {@link AnnotationExtensions#SUBJECTS}). */
    static final List<String> REVIEW_STATES = List.of("unconfirmed", "accepted", "corrected", "added", "disputed",
            "rejected");

    private final ZipOutputStream zip;

    BratExportWriter(OutputStream out) throws IOException {
        zip = new ZipOutputStream(StreamUtils.nonClosing(out), StandardCharsets.UTF_8);
        entry(CONFIG, annotationConf());
    }

    @Override
    public void write(ExportRecord record) throws IOException {
        String name = fileName(record);
        entry(name + ".txt", record.text());
        entry(name + ".ann", ann(record));
    }

    @Override
    public void finish() throws IOException {
        zip.finish();
        zip.flush();
    }

    /** e.g. {@code DocumentReference-12-v2-DocumentReference.content_0_.attachment}: unique per record. */
    static String fileName(ExportRecord record) {
        return record.resourceType() + "-" + record.id() + "-v" + record.version() + "-"
                + record.path().replaceAll("[^A-Za-z0-9.]", "_");
    }

    static String ann(ExportRecord record) {
        StringBuilder ann = new StringBuilder();
        int attribute = 0;
        for (int i = 0; i < record.annotations().size(); i++) {
            ExportRecord.ExportAnnotation annotation = record.annotations().get(i);
            String t = "T" + (i + 1);
            List<int[]> fragments = fragments(record.text(), annotation.begin(), annotation.end());
            ann.append(t).append('\t').append(annotation.label()).append(' ')
                    .append(fragments.stream().map(f -> f[0] + " " + f[1]).collect(Collectors.joining(";")))
                    .append('\t')
                    // brat's reading of a fragmented span: the fragments' texts joined by a space
                    .append(fragments.stream().map(f -> record.text().substring(f[0], f[1]))
                            .collect(Collectors.joining(" ")))
                    .append('\n');
            List<String> attributes = new ArrayList<>();
            annotation.assertion().setFlags().forEach(flag -> attributes.add(attributeName(flag) + " " + t));
            if (annotation.assertion().subject() != null) {
                attributes.add("Subject " + t + " " + annotation.assertion().subject());
            }
            attributes.add("ReviewState " + t + " " + annotation.reviewState());
            for (String line : attributes) {
                ann.append('A').append(++attribute).append('\t').append(line).append('\n');
            }
            ann.append('#').append(i + 1).append("\tAnnotatorNotes ").append(t).append('\t').append(annotation.id());
            annotation.codes().forEach(code -> ann.append(' ').append(codeNote(code)));
            ann.append('\n');
        }
        return ann.toString();
    }

    /** {@code system|code|display} (display omitted when absent), the form the notes and BioC infons use. */
    static String codeNote(ExportRecord.Code code) {
        String note = (code.system() == null ? "" : code.system()) + "|" + code.code();
        return code.display() == null ? note : note + "|" + code.display().replaceAll("[\\r\\n\\t]", " ");
    }

    /** The span as {@code [begin, end)} fragments split at line breaks, which a brat span may not cross. */
    static List<int[]> fragments(String text, int begin, int end) {
        List<int[]> fragments = new ArrayList<>();
        int start = begin;
        for (int i = begin; i <= end; i++) {
            if (i == end || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                if (i > start) {
                    fragments.add(new int[] {start, i});
                }
                start = i + 1;
            }
        }
        return fragments;
    }

    static String attributeName(String flag) {
        return flag.substring(0, 1).toUpperCase(Locale.ROOT) + flag.substring(1);
    }

    static String annotationConf() {
        StringBuilder conf = new StringBuilder("[entities]\n");
        AnnotationGroups.CODES.forEach(label -> conf.append(label).append('\n'));
        conf.append("\n[relations]\n\n[events]\n\n[attributes]\n");
        AnnotationExtensions.FLAGS.forEach(flag ->
                conf.append(attributeName(flag)).append("\tArg:<ENTITY>\n"));
        conf.append("Subject\tArg:<ENTITY>, Value:").append(String.join("|", AnnotationExtensions.SUBJECTS)).append('\n');
        conf.append("ReviewState\tArg:<ENTITY>, Value:").append(String.join("|", REVIEW_STATES)).append('\n');
        return conf.toString();
    }

    private void entry(String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
