package io.annota.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.Message;
import io.annota.deid.Pseudonymizer;
import io.annota.intake.hl7.mapping.DeclarativeMapper;
import io.annota.intake.hl7.mapping.V2ToFhirMappings;
import io.annota.intake.hl7.Hl7v2Parser;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Hl7FeedTest {

    private static final Hl7v2Parser PARSER = new Hl7v2Parser();
    private static List<GeneratedHl7> feed;
    private static List<GeneratedHl7> adt;

    @BeforeAll
    static void generate() {
        SyntheticFeed generator = new SyntheticFeed(20240305L);
        feed = generator.hl7Feed(400);
        adt = generator.adtFeed(150);
    }

    private static List<GeneratedHl7> all() {
        List<GeneratedHl7> all = new ArrayList<>(feed);
        all.addAll(adt);
        return all;
    }

    private static Message parse(GeneratedHl7 message) throws Exception {
        return PARSER.parse(message.text());
    }

    @Test
    void feedCoversMessageTypesVersionsAndQuirks() {
        Set<String> types = new TreeSet<>();
        Set<String> versions = new TreeSet<>();
        Set<String> quirks = new TreeSet<>();
        for (GeneratedHl7 message : feed) {
            types.add(message.messageType());
            versions.add(message.version());
            quirks.addAll(message.quirks());
        }
        assertThat(types).containsExactlyInAnyOrder("ADT^A01", "ADT^A03", "ADT^A04", "ADT^A08", "ADT^A40",
                "ORU^R01", "MDM^T02");
        assertThat(versions).containsExactlyInAnyOrderElementsOf(Hl7FeedGenerator.VERSIONS);
        assertThat(quirks).containsExactlyInAnyOrderElementsOf(Quirks.ALL);
        assertThat(adt).extracting(GeneratedHl7::messageType).allMatch(t -> Set.of("ADT^A01", "ADT^A04", "ADT^A08")
                .contains(t));
        assertThat(adt).extracting(GeneratedHl7::version).containsAll(Hl7FeedGenerator.VERSIONS);
    }

    @Test
    void quirksAreVisibleInTheBytes() {
        for (GeneratedHl7 message : all()) {
            byte[] bytes = message.bytes();
            String text = message.text();
            boolean bom = bytes.length > 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                    && (bytes[2] & 0xFF) == 0xBF;
            assertThat(bom).as("BOM %s", message).isEqualTo(message.quirks().contains(Quirks.BOM));
            assertThat(text.contains("\r\n")).as("CRLF %s", message).isEqualTo(message.quirks().contains(Quirks.CRLF));
            assertThat(!text.contains("\r")).as("LF %s", message).isEqualTo(message.quirks().contains(Quirks.LF));
            assertThat(text.contains("|8859/1")).isEqualTo(message.quirks().contains(Quirks.ISO_8859_1));
            assertThat(message.charset()).isEqualTo(message.quirks().contains(Quirks.ISO_8859_1)
                    ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            assertThat(text.matches("(?s).*\\\\[FSTRE]\\\\.*")).as("escapes %s", message)
                    .isEqualTo(message.quirks().contains(Quirks.ESCAPE_SEQUENCES));
            assertThat(text.contains("\nZPD|") || text.contains("\rZPD|"))
                    .isEqualTo(message.quirks().contains(Quirks.Z_SEGMENT));
            assertThat(text.startsWith("MSH|^~\\&|") || text.startsWith("\uFEFFMSH|^~\\&|")).isTrue();
            assertThat(text).contains("|" + message.controlId() + "|");
        }
        // an ISO-8859-1 message with an accented name has single-byte accents
        GeneratedHl7 latin = all().stream()
                .filter(m -> m.quirks().contains(Quirks.ISO_8859_1) && m.text().chars().anyMatch(c -> c > 127))
                .findFirst().orElseThrow();
        assertThat(new String(latin.bytes(), StandardCharsets.UTF_8)).contains("\uFFFD");
    }

    @Test
    void everyMessageParsesIntoItsStructureWithHapi() throws Exception {
        for (GeneratedHl7 message : all()) {
            Message parsed = parse(message);
            assertThat(parsed).as("%s", message).isNotInstanceOf(GenericMessage.class);
            Hl7Gold gold = new Hl7Gold(parsed);
            assertThat(gold.get("MSH", 12, 1)).isEqualTo(message.version());
            assertThat(gold.get("MSH", 10, 1)).isEqualTo(message.controlId());
            assertThat(gold.get("MSH", 9, 1) + "^" + gold.get("MSH", 9, 2)).isEqualTo(message.messageType());
        }
    }

    @Test
    void structuredGoldIsFoundAtItsPathAndFreeTextGoldAtItsOffsets() throws Exception {
        Map<PhiType, Integer> counts = new HashMap<>();
        int inText = 0;
        for (GeneratedHl7 message : all()) {
            Hl7Gold gold = new Hl7Gold(parse(message));
            assertThat(message.phi()).as("%s", message).isNotEmpty();
            for (PhiSpan span : message.phi()) {
                Hl7Path path = Hl7Path.parse(span.path());
                String value = gold.value(path);
                assertThat(value).as("%s at %s in %s", span.value(), span.path(), message).isNotNull();
                if (span.inText()) {
                    inText++;
                    assertThat(value.substring(span.begin(), span.end())).as("%s in %s", span, message)
                            .isEqualTo(span.value());
                } else {
                    assertThat(value).as("%s in %s", span, message).isEqualTo(span.value());
                }
                counts.merge(span.type(), 1, Integer::sum);
            }
        }
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(NursingNoteTest.NOT_NURSING_ONLY);
        assertThat(inText).isGreaterThan(1000);
    }

    @Test
    void escapedValuesAreGoldAsDecodedText() throws Exception {
        int checked = 0;
        for (GeneratedHl7 message : all()) {
            if (!message.quirks().contains(Quirks.ESCAPE_SEQUENCES)) {
                continue;
            }
            Hl7Gold gold = new Hl7Gold(parse(message));
            for (PhiSpan span : message.phi()) {
                Hl7Path path = Hl7Path.parse(span.path());
                String decoded = gold.value(path);
                if (span.inText() && decoded.matches("(?s).*[|&~^\\\\].*")) {
                    assertThat(decoded.substring(span.begin(), span.end())).isEqualTo(span.value());
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void patientsKeepOneMrnAcrossTheirMessages() throws Exception {
        Map<String, String> mrnByVisit = new HashMap<>();
        Map<String, String> familyByMrn = new HashMap<>();
        int merges = 0;
        for (GeneratedHl7 message : feed) {
            Hl7Gold gold = new Hl7Gold(parse(message));
            String mrn = gold.get("PID", 3, 1);
            String family = gold.get("PID", 5, 1);
            assertThat(familyByMrn.computeIfAbsent(mrn, k -> family)).isEqualTo(family);
            String visit = gold.get("PV1", 19, 1);
            if (visit != null) {
                assertThat(mrnByVisit.computeIfAbsent(visit, k -> mrn)).isEqualTo(mrn);
            }
            if (message.messageType().equals("ADT^A40")) {
                assertThat(gold.get("MRG", 1, 1)).isNotEqualTo(mrn);
                merges++;
            }
        }
        assertThat(familyByMrn.size()).isLessThan(feed.size() / 3);
        assertThat(merges).isPositive();
    }

    @Test
    void adtMessagesMapToFhirWithAnnotasMapper() throws Exception {
        DeclarativeMapper mapper = new DeclarativeMapper(V2ToFhirMappings.builtIn(),
                new Pseudonymizer("synthetic-feed-test-key-0123456789".getBytes(StandardCharsets.US_ASCII)),
                ZoneOffset.UTC);
        int mapped = 0;
        for (GeneratedHl7 message : all()) {
            if (!Set.of("ADT^A01", "ADT^A03", "ADT^A04", "ADT^A08").contains(message.messageType())) {
                continue;
            }
            Bundle bundle = mapper.map(parse(message));
            Patient patient = (Patient) bundle.getEntryFirstRep().getResource();
            String mrn = message.phi().stream().filter(s -> s.path().equals("PID-3.1")).findFirst().orElseThrow()
                    .value();
            assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(mrn);
            String family = message.phi().stream().filter(s -> s.path().equals("PID-5.1")).findFirst().orElseThrow()
                    .value();
            assertThat(patient.getNameFirstRep().getFamily()).isEqualTo(family);
            assertThat(bundle.getEntry()).hasSize(2);
            mapped++;
        }
        assertThat(mapped).isGreaterThan(250);
    }
}
