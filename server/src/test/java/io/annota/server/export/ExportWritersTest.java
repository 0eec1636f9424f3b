package io.annota.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Each format written and read back: the texts and every span's offsets, covered text and label survive. */
class ExportWritersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ExportRecord> RECORDS = List.of(ExportFixtures.note(), ExportFixtures.report());

    /** A span as read back from an export: where, what it covers, and its label. */
    record Span(int begin, int end, String covered, String label) {
    }

    /** A record as read back: its text and spans. */
    record ReadBack(String text, List<Span> spans) {
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of(ExportFormat.JSONL, (Function<byte[], Map<String, ReadBack>>) ExportWritersTest::readJsonl),
                Arguments.of(ExportFormat.BIOC, (Function<byte[], Map<String, ReadBack>>) ExportWritersTest::readBioc),
                Arguments.of(ExportFormat.BRAT, (Function<byte[], Map<String, ReadBack>>) ExportWritersTest::readBrat));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void aRecordReadBackHasItsTextAndSpans(ExportFormat format, Function<byte[], Map<String, ReadBack>> reader)
            throws IOException {
        Map<String, ReadBack> read = reader.apply(write(format, RECORDS));

        assertThat(read).hasSize(RECORDS.size());
        for (ExportRecord record : RECORDS) {
            ReadBack back = read.get(format == ExportFormat.BRAT ? BratExportWriter.fileName(record) : record.recordId());
            assertThat(back).as(record.recordId()).isNotNull();
            assertThat(back.text()).isEqualTo(record.text());
            assertThat(back.spans()).containsExactlyElementsOf(record.annotations().stream()
                    .map(a -> new Span(a.begin(), a.end(), a.coveredText(), a.label())).toList());
            back.spans().forEach(s -> assertThat(back.text().substring(s.begin(), s.end())).isEqualTo(s.covered()));
        }
    }

    @Test
    void jsonlHasOneObjectPerLineWithCodesAssertionAndStateButNoUnknownValues() throws IOException {
        String[] lines = new String(write(ExportFormat.JSONL, RECORDS), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        JsonNode note = JSON.readTree(lines[0]);
        assertThat(note.get("document").asText()).isEqualTo("DocumentReference/12/_history/2");
        assertThat(note.get("patient").asText()).isEqualTo("a1b2c3");
        assertThat(note.get("quasiIdentifiers").get("ageBand").asText()).isEqualTo("40-49");
        JsonNode asthma = note.get("annotations").get(2);
        assertThat(asthma.get("codes").get(0).get("code").asText()).isEqualTo("DOID:2841");
        assertThat(asthma.get("assertion").get("uncertain").asBoolean()).isTrue();
        assertThat(asthma.get("assertion").get("subject").asText()).isEqualTo("family_member");
        assertThat(asthma.get("reviewState").asText()).isEqualTo("unconfirmed");
        JsonNode report = JSON.readTree(lines[1]);
        assertThat(report.has("patient")).isFalse();
        assertThat(report.get("quasiIdentifiers").size()).isZero();
    }

    @Test
    void biocInfonsCarryTheCodesFlagsAndState() throws IOException {
        Document bioc = BiocDocuments.parse(write(ExportFormat.BIOC, RECORDS));
        Element chestPain = (Element) bioc.getElementsByTagName("annotation").item(1);
        assertThat(chestPain.getAttribute("id")).isEqualTo("Condition/32");
        assertThat(infons(chestPain)).containsEntry("type", "sign-symptom")
                .containsEntry("code", "http://purl.obolibrary.org/obo/symp.owl|SYMP:0000576|chest pain")
                .containsEntry("negated", "true")
                .containsEntry("review-state", "corrected")
                .doesNotContainKey("uncertain");
        assertThat(infons((Element) bioc.getElementsByTagName("document").item(0)))
                .containsEntry("patient", "a1b2c3").containsEntry("zip3", "021").containsEntry("year", "2025");
    }

    @Test
    void bratLinesSplitSpansAtLineBreaksAndCarryAttributesAndNotes() throws IOException {
        Map<String, String> files = unzip(write(ExportFormat.BRAT, RECORDS));
        assertThat(files.get(BratExportWriter.CONFIG)).contains("[entities]\ndisorder\n")
                .contains("Negated\tArg:<ENTITY>\n")
                .contains("ReviewState\tArg:<ENTITY>, Value:unconfirmed|accepted|corrected|added|disputed|rejected");
        String ann = files.get(BratExportWriter.fileName(ExportFixtures.note()) + ".ann");
        int diabetes = ExportFixtures.NOTE.indexOf("type 2");
        int chest = ExportFixtures.NOTE.indexOf("chest");
        assertThat(ann.split("\n")).containsExactly(
                "T1\tdisorder " + diabetes + " " + (diabetes + 15) + ";" + (diabetes + 17) + " " + (diabetes + 25)
                        + "\ttype 2 diabetes mellitus",
                "A1\tSubject T1 patient",
                "A2\tReviewState T1 accepted",
                "#1\tAnnotatorNotes T1\tCondition/31 http://purl.obolibrary.org/obo/doid.owl|DOID:9352|type 2 diabetes "
                        + "mellitus |E11",
                "T2\tsign-symptom " + chest + " " + (chest + 5) + ";" + (chest + 6) + " " + (chest + 10)
                        + "\tchest pain",
                "A3\tNegated T2",
                "A4\tSubject T2 patient",
                "A5\tReviewState T2 corrected",
                "#2\tAnnotatorNotes T2\tCondition/32 http://purl.obolibrary.org/obo/symp.owl|SYMP:0000576|chest pain",
                "T3\tdisorder " + ExportFixtures.NOTE.indexOf("asthma") + " " + (ExportFixtures.NOTE.indexOf("asthma") + 6)
                        + "\tasthma",
                "A6\tUncertain T3",
                "A7\tGeneric T3",
                "A8\tSubject T3 family_member",
                "A9\tReviewState T3 unconfirmed",
                "#3\tAnnotatorNotes T3\tCondition/33 http://purl.obolibrary.org/obo/doid.owl|DOID:2841|asthma");
    }

    @Test
    void biocReplacesCharactersXmlCannotCarryWithASpace() throws IOException {
        ExportRecord control = new ExportRecord("Observation", "4", "1", "Observation.valueString", null,
                new QuasiIdentifiers(null, null, null, null), "bell\u0007 rang", List.of());
        assertThat(readBioc(write(ExportFormat.BIOC, List.of(control))).get(control.recordId()).text())
                .isEqualTo("bell  rang");
    }

    @Test
    void anEmptyExportIsStillWellFormed() throws IOException {
        assertThat(write(ExportFormat.JSONL, List.of())).isEmpty();
        assertThat(unzip(write(ExportFormat.BRAT, List.of()))).containsOnlyKeys(BratExportWriter.CONFIG);
        String bioc = new String(write(ExportFormat.BIOC, List.of()), StandardCharsets.UTF_8);
        assertThat(bioc).startsWith("<?xml").contains("<collection><source>Annota</source>").endsWith("</collection>");
    }

    private static byte[] write(ExportFormat format, List<ExportRecord> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportWriter writer = format.writer(out);
        for (ExportRecord record : records) {
            writer.write(record);
        }
        writer.finish();
        return out.toByteArray();
    }

    private static Map<String, ReadBack> readJsonl(byte[] bytes) {
        Map<String, ReadBack> read = new LinkedHashMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            try {
                JsonNode record = JSON.readTree(line);
                List<Span> spans = new ArrayList<>();
                record.get("annotations").forEach(a -> spans.add(new Span(a.get("begin").asInt(), a.get("end").asInt(),
                        a.get("coveredText").asText(), a.get("label").asText())));
                read.put(record.get("document").asText() + "#" + record.get("path").asText(),
                        new ReadBack(record.get("text").asText(), spans));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return read;
    }

    private static Map<String, ReadBack> readBioc(byte[] bytes) {
        Document bioc = BiocDocuments.parse(bytes);
        Map<String, ReadBack> read = new LinkedHashMap<>();
        NodeList documents = bioc.getElementsByTagName("document");
        for (int i = 0; i < documents.getLength(); i++) {
            Element document = (Element) documents.item(i);
            Element passage = (Element) document.getElementsByTagName("passage").item(0);
            List<Span> spans = new ArrayList<>();
            NodeList annotations = passage.getElementsByTagName("annotation");
            for (int j = 0; j < annotations.getLength(); j++) {
                Element annotation = (Element) annotations.item(j);
                Element location = (Element) annotation.getElementsByTagName("location").item(0);
                int offset = Integer.parseInt(location.getAttribute("offset"));
                spans.add(new Span(offset, offset + Integer.parseInt(location.getAttribute("length")),
                        child(annotation, "text"), infons(annotation).get("type")));
            }
            read.put(child(document, "id"), new ReadBack(child(passage, "text"), spans));
        }
        return read;
    }

    private static Map<String, String> infons(Element parent) {
        Map<String, String> infons = new LinkedHashMap<>();
        for (org.w3c.dom.Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element infon && infon.getTagName().equals("infon")) {
                infons.putIfAbsent(infon.getAttribute("key"), infon.getTextContent());
            }
        }
        return infons;
    }

    private static String child(Element parent, String name) {
        for (org.w3c.dom.Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent();
            }
        }
        throw new AssertionError("no " + name + " in " + parent.getTagName());
    }

    private static Map<String, ReadBack> readBrat(byte[] bytes) {
        Map<String, String> files = unzip(bytes);
        Map<String, ReadBack> read = new LinkedHashMap<>();
        files.keySet().stream().filter(n -> n.endsWith(".txt")).forEach(txt -> {
            String name = txt.substring(0, txt.length() - 4);
            String text = files.get(txt);
            List<Span> spans = Arrays.stream(files.get(name + ".ann").split("\n"))
                    .filter(line -> line.startsWith("T"))
                    .map(line -> bratSpan(line, text))
                    .toList();
            read.put(name, new ReadBack(text, spans));
        });
        return read;
    }

    /** A T line's first fragment start and last fragment end; each fragment covers its part of the text. */
    private static Span bratSpan(String line, String text) {
        String[] fields = line.split("\t");
        String[] typeAndOffsets = fields[1].split(" ", 2);
        String[] fragments = typeAndOffsets[1].split(";");
        List<String> covered = new ArrayList<>();
        for (String fragment : fragments) {
            String[] offsets = fragment.split(" ");
            covered.add(text.substring(Integer.parseInt(offsets[0]), Integer.parseInt(offsets[1])));
        }
        // brat's own check: the fragments' texts joined by a space are the line's text
        assertThat(String.join(" ", covered)).isEqualTo(fields[2]);
        int begin = Integer.parseInt(fragments[0].split(" ")[0]);
        int end = Integer.parseInt(fragments[fragments.length - 1].split(" ")[1]);
        return new Span(begin, end, text.substring(begin, end), typeAndOffsets[0]);
    }

    private static Map<String, String> unzip(byte[] bytes) {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
