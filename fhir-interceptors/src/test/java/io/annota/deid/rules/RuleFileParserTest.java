package io.annota.deid.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import io.annota.deid.rules.Parameters.Generalization;
import io.annota.deid.rules.RuleSet.TextDates;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleFileParserTest {

    private final RuleFileParser parser = new RuleFileParser(FhirContext.forR4Cached());

    private RuleSet parse(String yaml) {
        return parser.parse("rules.yaml", new StringReader(yaml));
    }

    @Test
    void rulesKeepTheirOrderSelectorsAndParameters() {
        RuleSet rules = parse("""
                dateShift:
                  maxDays: 30
                text:
                  replacement: surrogates
                  dates: tag
                rules:
                  - id: keep-race
                    path: Patient.extension('http://hl7.org/fhir/us/core/StructureDefinition/us-core-race')
                    method: keep
                  - type: [date, dateTime]
                    resource: Observation
                    method: generalize
                    to: month
                  - path: Observation.value.ofType(Quantity)
                    method: perturb
                    span: 0.05
                    rangeType: proportional
                    roundTo: 1
                  - type: string
                    method: substitute
                    value: "***"
                """);

        assertThat(rules.rules()).extracting(Rule::name).containsExactly("keep-race", "rule 2", "rule 3", "rule 4");
        assertThat(rules.rules()).extracting(Rule::method)
                .containsExactly(Method.KEEP, Method.GENERALIZE, Method.PERTURB, Method.SUBSTITUTE);
        Rule first = rules.rules().get(0);
        assertThat(first.pathRoots()).containsExactly("Patient");
        assertThat(first.source()).isEqualTo("rules.yaml:7");
        assertThat(first.appliesTo("Patient")).isTrue();
        assertThat(first.appliesTo("Observation")).isFalse();
        Rule second = rules.rules().get(1);
        assertThat(second.types()).containsExactlyInAnyOrder("date", "dateTime");
        assertThat(second.appliesTo("Observation")).isTrue();
        assertThat(second.appliesTo("Condition")).isFalse();
        assertThat(second.parameters().to()).isEqualTo(Generalization.MONTH);
        Parameters perturb = rules.rules().get(2).parameters();
        assertThat(perturb.span()).isEqualTo(0.05);
        assertThat(perturb.proportional()).isTrue();
        assertThat(perturb.roundTo()).isEqualTo(1);
        assertThat(rules.rules().get(3).parameters().value()).isEqualTo("***");
        assertThat(parse("rules:\n  - path: Location.position | Resource.extension('x|y')\n    method: redact\n")
                .rules().get(0).pathRoots()).as("a union with an operand for any resource").isEmpty();
        assertThat(parse("rules:\n  - path: Patient.photo | Practitioner.photo | Patient.contact.where((a | b).exists())\n"
                + "    method: redact\n").rules().get(0).pathRoots()).containsExactlyInAnyOrder("Patient", "Practitioner");
        assertThat(rules.options().maxShiftDays()).isEqualTo(30);
        assertThat(rules.options().surrogates()).isTrue();
        assertThat(rules.options().textDates()).isEqualTo(TextDates.TAG);
        assertThat(rules.options().pseudonymizeIds()).isNull();
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                Arguments.of("rules:\n  - type: HumanName\n    method: scramble\n",
                        "rules.yaml:3: rule 'rule 1': unknown method 'scramble' (known: keep, redact, cryptoHash"),
                Arguments.of("rules:\n  - id: bad-path\n    path: Patient.name.where(\n    method: redact\n",
                        "rules.yaml:3: rule 'bad-path': invalid FHIRPath 'Patient.name.where('"),
                Arguments.of("rules:\n  - id: no-such-function\n    path: Patient.name.frobnicate()\n    method: redact\n",
                        "rules.yaml:3: rule 'no-such-function': invalid FHIRPath"),
                Arguments.of("rules:\n  - path: Patinet.name\n    method: redact\n",
                        "rules.yaml:2: rule 'rule 1': FHIRPath 'Patinet.name' starts with 'Patinet', which is not an R4 resource type"),
                Arguments.of("rules:\n  - type: HumanNam\n    method: redact\n",
                        "rules.yaml:2: rule 'rule 1': unknown FHIR R4 data type 'HumanNam'"),
                Arguments.of("rules:\n  - type: date\n    resource: Patients\n    method: dateShift\n",
                        "rules.yaml:3: rule 'rule 1': unknown R4 resource type 'Patients'"),
                Arguments.of("rules:\n  - id: noisy\n    type: decimal\n    method: perturb\n    span: -2\n",
                        "rules.yaml:5: rule 'noisy': 'span' must be a positive number"),
                Arguments.of("rules:\n  - id: noisy\n    type: decimal\n    method: perturb\n",
                        "rules.yaml:2: rule 'noisy': perturb needs 'span'"),
                Arguments.of("rules:\n  - id: zip\n    type: Address\n    method: generalize\n    to: zip5\n",
                        "rules.yaml:5: to must be one of year, month, birthYear, zip3, city, age90, not 'zip5'"),
                Arguments.of("rules:\n  - id: x\n    type: HumanName\n    method: redact\n    span: 3\n",
                        "rules.yaml:5: rule 'x': unknown key 'span' for method redact (it takes no parameters)"),
                Arguments.of("rules:\n  - id: both\n    type: HumanName\n    path: Patient.name\n    method: redact\n",
                        "rules.yaml:2: rule 'both': needs exactly one of 'path'"),
                Arguments.of("rules:\n  - id: sub\n    type: string\n    method: substitute\n",
                        "rules.yaml:2: rule 'sub': substitute needs either 'value'"),
                Arguments.of("rules:\n  - id: sub\n    type: string\n    method: substitute\n    surrogate: date\n",
                        "rules.yaml:5: surrogate must be one of name, location, address, zip, phone, email, url, ip, ssn, id"),
                Arguments.of("rules:\n  - type: HumanName\n", "rules.yaml:2: rule 'rule 1': no 'method'"),
                Arguments.of("dateShift:\n  maxDays: 0\n", "rules.yaml:2: dateShift.maxDays must be between 1 and 3650, not 0"),
                Arguments.of("text:\n  replacement: emoji\n", "rules.yaml:2: text.replacement must be one of tags, surrogates"),
                Arguments.of("text:\n  places: sometimes\n", "rules.yaml:2: text.places must be one of remove, keep-towns"),
                Arguments.of("rulez: []\n", "rules.yaml:1: unknown key 'rulez' in the rule file"),
                Arguments.of("rules:\n  - [1, 2]\n", "rules.yaml:2: rule 1 must be a mapping"),
                Arguments.of("rules: [\n", "rules.yaml: not valid YAML"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidFiles")
    void invalidRuleFilesNameFileLineRuleAndReason(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(RuleFileException.class).hasMessageStartingWith(message);
    }

    @Test
    void aRuleFileIsReadFromDiskAndAMissingOneNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("site-rules.yaml");
        Files.writeString(file, "rules:\n  - type: HumanName\n    method: keep\n");

        assertThat(parser.parse(file).rules()).singleElement().extracting(Rule::source).isEqualTo(file + ":2");
        assertThatThrownBy(() -> parser.parse(dir.resolve("missing.yaml")))
                .isInstanceOf(RuleFileException.class).hasMessageContaining("missing.yaml: cannot be read");
    }

    @Test
    void builtInProfilesParse() {
        RuleSet safeHarbor = parser.parseResource("/io/annota/deid/profiles/safe-harbor.yaml");
        RuleSet limited = parser.parseResource("/io/annota/deid/profiles/limited-data-set.yaml");

        assertThat(safeHarbor.rules()).extracting(Rule::name).contains("names", "identifiers", "dates", "birth-date");
        assertThat(safeHarbor.options().textDates()).isEqualTo(TextDates.SHIFT);
        assertThat(limited.options().textDates()).isEqualTo(TextDates.KEEP);
        assertThat(safeHarbor.options().textPlaces()).isEqualTo(RuleSet.TextPlaces.REMOVE);
        assertThat(limited.options().textPlaces()).isEqualTo(RuleSet.TextPlaces.KEEP_TOWNS);
    }
}
