package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextScrubberTest {

    private final ResourceDeidentifier deidentifier =
            new ResourceDeidentifier(Fixtures.R4, DeidentificationSettings.withKey(Fixtures.KEY));
    private final TextScrubber scrubber = deidentifier.textScrubber();

    private Set<String> patientFingerprints() {
        return deidentifier.fingerprints(Fixtures.resource("patient/patient-full.json", Patient.class));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SSN 123-45-6789 on file|SSN [SSN] on file",
        "social security number: 123456789|social security number: [SSN]",
        "call 617-555-0143 now|call [PHONE] now",
        "call (617) 555-0143 today|call [PHONE] today",
        "call +1 617.555.0143|call [PHONE]",
        "pager 555-0199|pager [PHONE]",
        "mail jo.doe+x@mail.example.com.|mail [EMAIL].",
        "seen 2024-03-05 in clinic|seen [DATE] in clinic",
        "at 2024-03-05T10:15:00Z|at [DATE]",
        "seen 03/05/2024.|seen [DATE].",
        "seen 3/5/24|seen [DATE]",
        "seen 05.03.2024|seen [DATE]",
        "seen March 5, 2024 and Mar. 7|seen [DATE] and [DATE]",
        "seen 5th of March 2024|seen [DATE]",
        "since May 2021|since [DATE]",
        "MRN: 00123456|MRN: [ID]",
        "MR# A12345 admitted|MR# [ID] admitted",
        "medical record number 7788123|medical record number [ID]",
        "see https://portal.example.com/x?id=1.|see [URL].",
        "from host 10.0.0.12|from host [IP]",
        "lives at 12 Elm Street with|lives at [ADDRESS] with",
        "Boston, MA 02118|[LOCATION], MA [ZIP]"})
    void patternsAreReplacedWithTypedPlaceholders(String text, String expected) {
        assertThat(scrubber.scrub(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "type 2 diabetes mellitus",
        "Patient denies chest pain.",
        "metformin 500 mg twice daily",
        "BP 120/80, HR 72, HbA1c 7.2%",
        "troponin 0.01 ng/mL at 10:30",
        "diagnosed in 2019, may take 2 tablets",
        "Follow-up in 3 months; ED visit x2",
        "rule out pneumonia; negative for dyspnea"})
    void clinicalTextSurvivesWithAndWithoutFingerprints(String text) {
        assertThat(scrubber.scrub(text)).isEqualTo(text);
        assertThat(scrubber.scrub(text, patientFingerprints())).isEqualTo(text);
    }

    @Test
    void noteOfThePatientKeepsNoIdentifyingValueButItsClinicalContent() {
        String note = Fixtures.text("note/progress-note.txt");

        String scrubbed = scrubber.scrub(note, patientFingerprints());

        for (String phi : Fixtures.PATIENT_PHI) {
            assertThat(scrubbed).as("scrubbed note").doesNotContain(phi);
        }
        assertThat(scrubbed).contains("type 2 diabetes mellitus", "denies chest pain", "metformin 500 mg",
                "Follow-up in 3 months", "[NAME]", "[ID]", "[PHONE]", "[ADDRESS]", "[DATE]", "[EMAIL]", "[SSN]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "MARISOL OKONKWO-VANCE was seen|[NAME] was seen",
        "Okonkwo-Vance's daughter|[NAME] daughter",
        "Mrs Okonkwo Vance|Mrs [NAME]",
        "Mari came alone|[NAME] came alone",
        "reached at 6175550143|reached at [PHONE]",
        "ID LOCAL 77310 checked|ID [ID] checked",
        "lives on Larkspur Ln in Fairhaven|lives on [ADDRESS] in [ADDRESS]",
        "born 1984 07 19|born [DATE]",
        "her son Desmond called|her son [NAME] called"})
    void knownValuesAreFoundAfterNormalisation(String text, String expected) {
        assertThat(scrubber.scrub(text, patientFingerprints())).isEqualTo(expected);
    }

    @Test
    void knownValuesNeedTheirFingerprints() {
        // a family name in no dictionary, at the start of a sentence: only the patient's fingerprints find it
        assertThat(scrubber.scrub("Okonkwo came alone")).isEqualTo("Okonkwo came alone");
        assertThat(scrubber.scrub("Okonkwo came alone", Set.of("0".repeat(64)))).isEqualTo("Okonkwo came alone");
        assertThat(scrubber.scrub("Okonkwo came alone", patientFingerprints())).isEqualTo("[NAME] came alone");
    }

    @Test
    void nullAndEmptyTextStayAsTheyAre() {
        assertThat(scrubber.scrub(null, patientFingerprints())).isNull();
        assertThat(scrubber.scrub("", patientFingerprints())).isEmpty();
    }
}
