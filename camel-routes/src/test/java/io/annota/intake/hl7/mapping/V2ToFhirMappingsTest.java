package io.annota.intake.hl7.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annota.deid.Pseudonymizer;
import io.annota.intake.hl7.Hl7v2Parser;
import io.annota.intake.hl7.mapping.V2ToFhirMappings.NamedText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class V2ToFhirMappingsTest {

    private static final String SEGMENT_MAP = "segments:\n  PID-Test:\n    segment: PID\n    target: Patient\n    rules:\n";

    /** An override file that breaks one thing, the line it must be reported at, and what the message says. */
    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("unknown message structure",
                        "messages:\n  ADT^A01:\n    structure: ADT_A99\n    resources: []\n", 3,
                        "unknown message structure 'ADT_A99'"),
                Arguments.of("message key not TYPE^TRIGGER", "messages:\n  ADT-A01:\n    structure: ADT_A01\n", 3,
                        "the key must be TYPE^TRIGGER"),
                Arguments.of("segment outside the structure",
                        "messages:\n  ADT^A01:\n    structure: ADT_A01\n    resources:\n      - {name: note, resource: "
                                + "DocumentReference, segment: TXA, map: TXA-DocumentReference, keys: [TXA-12.1]}\n", 5,
                        "segment 'TXA' is not part of its structure"),
                Arguments.of("unknown segment", "segments:\n  X:\n    segment: QQQ\n    target: Patient\n    rules: []\n", 3,
                        "unknown segment 'QQQ'"),
                Arguments.of("unknown resource type", "segments:\n  X:\n    segment: PID\n    target: Patiant\n    rules: []\n",
                        4, "unknown R4 resource type 'Patiant'"),
                Arguments.of("unknown FHIR path", SEGMENT_MAP + "      - {to: nmae, from: 5}\n", 6,
                        "unknown FHIR path: 'nmae': Patient has no element 'nmae'"),
                Arguments.of("choice without its type", SEGMENT_MAP + "      - {to: deceased, from: 30}\n", 6,
                        "needs its typed name"),
                Arguments.of("bad field number", SEGMENT_MAP + "      - {to: birthDate, from: 99}\n", 6,
                        "bad field number, PID has 39 fields"),
                Arguments.of("bad field number elsewhere", SEGMENT_MAP + "      - {to: birthDate, from: MSH-40}\n", 6,
                        "bad field number, MSH has 21 fields"),
                Arguments.of("not a position", SEGMENT_MAP + "      - {to: birthDate, from: PID.7}\n", 6,
                        "is not an HL7 position"),
                Arguments.of("unknown converter", SEGMENT_MAP + "      - {to: birthDate, from: 7, as: nope}\n", 6,
                        "unknown datatype map or converter 'nope'"),
                Arguments.of("datatype map for another type", SEGMENT_MAP + "      - {to: name, from: 5, as: CX-Identifier}\n",
                        6, "datatype map 'CX-Identifier' builds Identifier, but 'name' is HumanName"),
                Arguments.of("complex element without a map", SEGMENT_MAP + "      - {to: name, from: 5}\n", 6,
                        "'name' is HumanName; it needs 'as'"),
                Arguments.of("unknown vocabulary", SEGMENT_MAP + "      - {to: gender, from: 8, map: sexes}\n", 6,
                        "unknown vocabulary 'sexes'"),
                Arguments.of("unknown ref", SEGMENT_MAP + "      - {to: generalPractitioner, ref: nobody}\n", 6,
                        "ref 'nobody' is no resource name"),
                Arguments.of("ref to a non-reference", SEGMENT_MAP + "      - {to: birthDate, ref: patient}\n", 6,
                        "'ref' needs a Reference element"),
                Arguments.of("two sources", SEGMENT_MAP + "      - {to: birthDate, from: 7, value: x}\n", 6,
                        "needs one of from, value, ref or lines"),
                Arguments.of("bad condition", SEGMENT_MAP + "      - {to: birthDate, from: 7, when: '= 3'}\n", 6,
                        "is not a condition"),
                Arguments.of("unknown rule key", SEGMENT_MAP + "      - {to: birthDate, form: 7}\n", 6,
                        "unknown key 'form'"),
                Arguments.of("duplicate key", SEGMENT_MAP + "      - {to: birthDate, from: 7, from: 8}\n", 6,
                        "duplicate key 'from'"),
                Arguments.of("too deep", SEGMENT_MAP + "      - {to: birthDate, from: 7.1.1.1}\n", 6,
                        "is not an HL7 position"),
                Arguments.of("unknown datatype", "datatypes:\n  X:\n    fhir: Identifer\n    rules: []\n", 3,
                        "unknown FHIR R4 data type with elements 'Identifer'"),
                Arguments.of("datatype map used below subcomponents",
                        "datatypes:\n  Deep:\n    fhir: Identifier\n    rules:\n      - {to: value, from: 1.1}\n"
                                + SEGMENT_MAP + "      - {to: identifier, from: 3.4, as: Deep}\n", 5,
                        "goes below subcomponents"),
                Arguments.of("unknown segment map",
                        "messages:\n  ADT^A01:\n    structure: ADT_A01\n    resources:\n      - {name: patient, resource: "
                                + "Patient, segment: PID, map: PID-Nothing, keys: [PID-3.1]}\n", 5,
                        "unknown segment map 'PID-Nothing'"),
                Arguments.of("key naming no entry",
                        "messages:\n  ADT^A01:\n    structure: ADT_A01\n    resources:\n      - {name: patient, resource: "
                                + "Patient, segment: PID, map: PID-Patient, keys: ['@visit + PID-3.1']}\n", 5,
                        "key names '@visit'"),
                Arguments.of("bad option", "options:\n  zSegments: keep\n", 2, "must be ignore or extension"),
                Arguments.of("not YAML", "segments: [\n", 0, "not valid YAML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFilesFailNamingFileLineAndReason(String label, String text, int line, String reason) {
        assertThatThrownBy(() -> V2ToFhirMappings.fromTexts(V2ToFhirMappings.builtInTexts(),
                List.of(new NamedText("site.yaml", text))))
                .isInstanceOf(MappingFileException.class)
                .hasMessageStartingWith(line == 0 ? "site.yaml:" : "site.yaml:" + line + ":")
                .hasMessageContaining(reason);
    }

    @Test
    void aNameDefinedTwiceAmongBuiltInFilesIsAnError() {
        List<NamedText> twice = new ArrayList<>(V2ToFhirMappings.builtInTexts());
        twice.add(new NamedText("copy.yaml", "vocabularies:\n  yes-no:\n    Y: \"true\"\n"));

        assertThatThrownBy(() -> V2ToFhirMappings.fromTexts(twice, List.of()))
                .isInstanceOf(MappingFileException.class)
                .hasMessageStartingWith("copy.yaml:3: duplicate vocabulary 'yes-no', already defined at ")
                .hasMessageContaining("vocabulary.yaml:");
    }

    @Test
    void theBuiltInFilesLoad() {
        assertThat(V2ToFhirMappings.builtIn().messageKeys()).hasSize(27);
        assertThat(V2ToFhirMappings.builtIn().zSegments()).isEqualTo(ZSegments.IGNORE);
    }

    /** The override example of docs/hl7v2-mappings.md, as a site would deploy it. */
    @Test
    void overrideFilesReplaceMapsAndKeepZSegments(@TempDir Path dir) throws Exception {
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, """
                options:
                  zSegments: extension
                vocabularies:
                  encounter-status-by-trigger:
                    A01: arrived
                    "*": unknown
                """);
        V2ToFhirMappings mappings = V2ToFhirMappings.load(List.of(site));
        DeclarativeMapper mapper = new DeclarativeMapper(mappings, new Pseudonymizer(
                "annota-test-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII)), ZoneOffset.UTC);

        Bundle bundle = mapper.map(new Hl7v2Parser().parse(fixture("adt_a01_full_v26.hl7")));

        Encounter encounter = (Encounter) bundle.getEntry().get(1).getResource();
        assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.ARRIVED);
        // ZPV follows DG1: kept on the Condition made from it
        Condition condition = (Condition) bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Condition.class::isInstance).findFirst().orElseThrow();
        Extension z = condition.getExtensionByUrl(DeclarativeMapper.Z_SEGMENT_EXTENSION + "ZPV");
        assertThat(z.getValue().primitiveValue()).isEqualTo("ZPV|1|CUSTOM^VALUE");
        assertThat(V2ToFhirMappings.builtIn().zSegments()).isEqualTo(ZSegments.IGNORE);
    }

    @Test
    void anUnreadableOverrideFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> V2ToFhirMappings.load(List.of(missing)))
                .isInstanceOf(MappingFileException.class)
                .hasMessageStartingWith(missing + ": cannot be read");
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = V2ToFhirMappingsTest.class.getResourceAsStream("/hl7v2/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
