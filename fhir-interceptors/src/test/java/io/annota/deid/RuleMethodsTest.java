package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annota.deid.rules.FieldCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Set;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test (or table) per rule method, each with a rule file of its own in front of the safe-harbor profile. */
class RuleMethodsTest {

    @TempDir
    Path dir;

    private ResourceDeidentifier withRules(String yaml) {
        return withRules(yaml, Fixtures.KEY, "safe-harbor");
    }

    private ResourceDeidentifier withRules(String yaml, byte[] key, String profile) {
        try {
            Path file = Files.createTempFile(dir, "rules", ".yaml");
            Files.writeString(file, yaml);
            return new ResourceDeidentifier(Fixtures.R4, new DeidentificationSettings(key, profile, file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Observation observation() {
        Observation observation = new Observation();
        observation.setSubject(new Reference("Patient/17"));
        observation.setEffective(new DateTimeType("2024-03-05T10:15:00+01:00"));
        observation.getIssuedElement().setValueAsString("2024-03-06T08:00:00Z");
        observation.addNote(new Annotation().setText("Sample drawn at the bedside"));
        return observation;
    }

    @Test
    void keepLeavesAnElementAndEverythingInItAlone() {
        Patient patient = new Patient();
        patient.addName().setFamily("Thistlewood").addGiven("Marisol");

        withRules("rules:\n  - path: Patient.name\n    method: keep\n").deidentify(patient, Set.of());

        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Thistlewood");
        assertThat(patient.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Marisol");
    }

    @Test
    void redactRemovesTheElement() {
        Observation observation = observation();

        withRules("rules:\n  - path: Observation.note\n    method: redact\n").deidentify(observation, Set.of());

        assertThat(observation.hasNote()).isFalse();
        assertThat(observation.getMeta().getSecurity()).extracting(c -> c.getCode()).contains("REDACTED");
    }

    @Test
    void cryptoHashIsKeyedDomainSeparatedAndNeverAppliedTwice() {
        String rules = "rules:\n  - path: Observation.note.text\n    method: cryptoHash\n    domain: notes\n";
        Observation first = observation();
        Observation again = observation();
        Observation otherKey = observation();

        withRules(rules).deidentify(first, Set.of());
        withRules(rules).deidentify(again, Set.of());
        withRules(rules, Fixtures.OTHER_KEY, "safe-harbor").deidentify(otherKey, Set.of());

        String hash = first.getNoteFirstRep().getText();
        assertThat(hash).isEqualTo(new Pseudonymizer(Fixtures.KEY).pseudonym("notes", "Sample drawn at the bedside"));
        assertThat(again.getNoteFirstRep().getText()).isEqualTo(hash);
        assertThat(otherKey.getNoteFirstRep().getText()).isNotEqualTo(hash);
        withRules(rules).deidentify(first, Set.of());
        assertThat(first.getNoteFirstRep().getText()).as("a pseudonym is not hashed again").isEqualTo(hash);
    }

    @Test
    void encryptIsReversibleByTheKeyHolderAndStableForEqualValues() {
        String rules = "rules:\n  - path: Patient.identifier.value\n    method: encrypt\n";
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:oid:1.2.3").setValue("MRN448812");
        Patient same = patient.copy();

        withRules(rules).deidentify(patient, Set.of());
        withRules(rules).deidentify(same, Set.of());

        String ciphertext = patient.getIdentifierFirstRep().getValue();
        assertThat(ciphertext).startsWith(FieldCipher.PREFIX).doesNotContain("448812");
        assertThat(same.getIdentifierFirstRep().getValue()).isEqualTo(ciphertext);
        assertThat(new FieldCipher(Fixtures.KEY).decrypt(ciphertext)).isEqualTo("MRN448812");
        assertThatThrownBy(() -> new FieldCipher(Fixtures.OTHER_KEY).decrypt(ciphertext))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(patient.getMeta().getSecurity()).extracting(c -> c.getCode()).contains("MASKED");
    }

    @Test
    void dateShiftMovesAllOfOnePatientsDatesByOneOffsetWithinTheRange() {
        ResourceDeidentifier deidentifier = withRules("dateShift:\n  maxDays: 30\n");
        Observation observation = observation();

        deidentifier.deidentify(observation, Set.of());

        int days = deidentifier.dateShiftDays(ResourceDeidentifier.patientSeed("17"));
        assertThat(days).isBetween(-30, 30).isNotZero();
        assertThat(observation.getEffectiveDateTimeType().getValueAsString())
                .isEqualTo(LocalDate.parse("2024-03-05").plusDays(days) + "T10:15:00+01:00");
        assertThat(observation.getIssuedElement().getValue().toInstant())
                .isEqualTo(java.time.Instant.parse("2024-03-06T08:00:00Z").plus(java.time.Duration.ofDays(days)));
    }

    @Test
    void substituteWritesAFixedValue() {
        Observation observation = observation();

        withRules("rules:\n  - path: Observation.note.text\n    method: substitute\n    value: \"(note withheld)\"\n")
                .deidentify(observation, Set.of());

        assertThat(observation.getNoteFirstRep().getText()).isEqualTo("(note withheld)");
    }

    @Test
    void substituteWithASurrogateIsRealisticAndTheSameForTheSameValue() {
        String rules = "rules:\n  - path: Patient.name.family\n    method: substitute\n    surrogate: name\n"
                + "  - path: Patient.name\n    method: keep\n";
        Patient first = new Patient();
        first.addName().setFamily("Thistlewood");
        Patient second = first.copy();
        Patient other = new Patient();
        other.addName().setFamily("Okonkwo");

        ResourceDeidentifier deidentifier = withRules(rules);
        deidentifier.deidentify(first, Set.of());
        deidentifier.deidentify(second, Set.of());
        deidentifier.deidentify(other, Set.of());

        String surrogate = first.getNameFirstRep().getFamily();
        assertThat(surrogate).isNotEqualTo("Thistlewood").matches("\\p{Lu}\\p{L}+.*");
        assertThat(second.getNameFirstRep().getFamily()).isEqualTo(surrogate);
        assertThat(other.getNameFirstRep().getFamily()).isNotEqualTo(surrogate);
    }

    @Test
    void perturbAddsBoundedKeyedNoise() {
        String rules = "rules:\n  - path: Observation.value.ofType(Quantity)\n    method: perturb\n    span: 0.1\n"
                + "    rangeType: proportional\n    roundTo: 1\n";
        Observation first = observation().setValue(new Quantity(82.0).setUnit("kg"));
        Observation again = observation().setValue(new Quantity(82.0).setUnit("kg"));

        withRules(rules).deidentify(first, Set.of());
        withRules(rules).deidentify(again, Set.of());

        BigDecimal value = first.getValueQuantity().getValue();
        assertThat(value.doubleValue()).isBetween(73.8, 90.2).isNotEqualTo(82.0);
        assertThat(value.scale()).isEqualTo(1);
        assertThat(again.getValueQuantity().getValue()).isEqualByComparingTo(value);
    }

    @ParameterizedTest(name = "{0} to {1}: {2} -> {3}")
    @CsvSource(nullValues = "null", value = {
        "Observation.effective, year, 2024-03-05T10:15:00+01:00, 2024",
        "Observation.effective, month, 2024-03-05T10:15:00+01:00, 2024-03",
        "Observation.effective, year, 2024, 2024"})
    void generalizeCutsDates(String path, String to, String value, String expected) {
        Observation observation = observation().setEffective(new DateTimeType(value));

        withRules("rules:\n  - path: " + path + "\n    method: generalize\n    to: " + to + "\n")
                .deidentify(observation, Set.of());

        assertThat(observation.getEffectiveDateTimeType().getValueAsString()).isEqualTo(expected);
    }

    @Test
    void generalizeMakesAgesOver89NinetyOrMore() {
        Observation old = observation().setValue(new Age().setValue(97).setUnit("a").setCode("a"));
        Observation young = observation().setValue(new Age().setValue(64).setUnit("a").setCode("a"));
        ResourceDeidentifier deidentifier = withRules("rules:\n  - type: Age\n    method: generalize\n    to: age90\n");

        deidentifier.deidentify(old, Set.of());
        deidentifier.deidentify(young, Set.of());

        assertThat(old.getValueQuantity().getValue()).isEqualByComparingTo("90");
        assertThat(old.getValueQuantity().getComparator()).isEqualTo(Quantity.QuantityComparator.GREATER_OR_EQUAL);
        assertThat(young.getValueQuantity().getValue()).isEqualByComparingTo("64");
    }

    @Test
    void generalizeToCityKeepsTownAndZipButNotTheStreet() {
        Patient patient = new Patient();
        patient.addAddress(new Address().addLine("14 Larkspur Lane").setCity("Fairhaven").setState("MA")
                .setPostalCode("02719"));

        withRules("rules:\n  - type: Address\n    method: generalize\n    to: city\n").deidentify(patient, Set.of());

        Address address = patient.getAddressFirstRep();
        assertThat(address.hasLine()).isFalse();
        assertThat(address.getCity()).isEqualTo("Fairhaven");
        assertThat(address.getPostalCode()).isEqualTo("02719");
    }

    @Test
    void theLimitedDataSetKeepsDatesTownAndZip() {
        ResourceDeidentifier limited = new ResourceDeidentifier(Fixtures.R4,
                new DeidentificationSettings(Fixtures.KEY, "limited-data-set", null));
        Patient patient = Fixtures.resource("patient/patient-full.json", Patient.class);
        Observation observation = observation();

        limited.deidentify(patient, Set.of());
        limited.deidentify(observation, Set.of());

        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1984-07-19");
        assertThat(patient.getAddressFirstRep().getCity()).isEqualTo("Fairhaven");
        assertThat(patient.getAddressFirstRep().getPostalCode()).isEqualTo("02719");
        assertThat(patient.getAddressFirstRep().hasLine()).isFalse();
        assertThat(patient.hasName() || patient.hasTelecom()).isFalse();
        assertThat(observation.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2024-03-05T10:15:00+01:00");
    }

    @Test
    void aMethodThatDoesNotFitTheSelectedElementRefusesTheResource() {
        Observation observation = observation();

        assertThatThrownBy(() -> withRules("rules:\n  - id: noise-on-text\n    path: Observation.note.text\n"
                + "    method: perturb\n    span: 1\n").deidentify(observation, Set.of()))
                .isInstanceOf(DeidentificationException.class)
                .hasMessageContaining("RULE_NOT_APPLICABLE")
                .hasMessageContaining("'noise-on-text'")
                .hasMessageNotContaining("bedside");
    }

    @Test
    void unknownProfilesAreRefusedAtStartUp() {
        assertThatThrownBy(() -> new ResourceDeidentifier(Fixtures.R4,
                new DeidentificationSettings(Fixtures.KEY, "safe-harbour", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown de-identification profile 'safe-harbour'")
                .hasMessageContaining("limited-data-set, safe-harbor");
    }

    @Test
    void birthDatesOfPeopleOver89AreRemovedAndOthersCutToTheYear() {
        Patient old = new Patient();
        old.getBirthDateElement().setValueAsString((Year.now(ZoneOffset.UTC).getValue() - 93) + "-05-01");
        Patient young = new Patient();
        young.getBirthDateElement().setValueAsString("1984-07-19");
        ResourceDeidentifier deidentifier = withRules("rules: []\n");

        deidentifier.deidentify(old, Set.of());
        deidentifier.deidentify(young, Set.of());

        assertThat(old.hasBirthDate()).isFalse();
        assertThat(young.getBirthDateElement().getValueAsString()).isEqualTo("1984");
    }
}
