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
        "rule out pneumonia; negative for dyspnea",
        "Bell's palsy resolved.",
        "Metformin 500 mg twice daily.",
        "Crohn disease in remission.",
        "Parkinson tremor stable.",
        "Hashimoto thyroiditis on levothyroxine.",
        "Graves disease treated with methimazole.",
        "Cushing syndrome ruled out.",
        "Addison disease, on hydrocortisone.",
        "Raynaud phenomenon in winter.",
        "Lyme serology negative.",
        "Holter monitor showed sinus rhythm.",
        "Foley catheter removed.",
        "Glasgow coma scale 15.",
        "Babinski sign absent.",
        "Romberg negative, gait steady.",
        "Tinel sign positive at the wrist.",
        "Apgar scores 8 and 9.",
        "Whipple procedure in 2019.",
        "Nissen fundoplication uneventful.",
        "Kaposi sarcoma excluded.",
        "Sjogren syndrome suspected.",
        "Tylenol 650 mg as needed.",
        "Lasix held for hypotension.",
        "Insulin glargine 20 units at bedtime.",
        "Aspirin continued; no bleeding.",
        "Colonoscopy normal; Hemoccult negative.",
        "Denies fever, chills, or night sweats."})
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
        // a double family name in no dictionary, at the start of a sentence: only the patient's fingerprints find it
        assertThat(scrubber.scrub("Okonkwo-Vance: no new complaints")).isEqualTo("Okonkwo-Vance: no new complaints");
        assertThat(scrubber.scrub("Okonkwo-Vance: no new complaints", Set.of("0".repeat(64)))).isEqualTo("Okonkwo-Vance: no new complaints");
        assertThat(scrubber.scrub("Okonkwo-Vance: no new complaints", patientFingerprints())).isEqualTo("[NAME]: no new complaints");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "seen 03/05/2024.|seen 04/19/2024.",
        "seen March 5, 2024 and Mar. 7|seen April 19, 2024 and [DATE]",
        "at 2024-03-05T10:15:00Z|at 2024-04-19T10:15:00Z",
        "born 1984 07 19|born [DATE]",
        "DOB July 19, 1984.|DOB September 2, 1984.",
        "in 2019 for 3 months|in 2019 for 3 months"})
    void datesAreShiftedByTheOffsetInTheirOwnFormat(String text, String expected) {
        assertThat(scrubber.scrub(text, patientFingerprints(), 45)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a 92-year-old woman|a [AGE]-year-old woman",
        "aged 95, and her husband aged 80|aged [AGE], and her husband aged 80",
        "J.S. and M.R.O. met|J.S. and [NAME] met",
        "seen by M. Okonkwo-Vance|seen by [NAME]"})
    void agesOver89AndKnownInitialsAreReplaced(String text, String expected) {
        assertThat(scrubber.scrub(text, patientFingerprints())).isEqualTo(expected);
    }

    @Test
    void surrogatesAreRealisticAndConsistentUnderTheKey() {
        TextScrubber surrogating = new TextScrubber(new Pseudonymizer(Fixtures.KEY), TextScrubber.Replacement.SURROGATES);
        String text = "Dr. Farrowgate called 617-555-0143 about Farrowgate's visit on 03/05/2024; MRN: QX40917.";

        String once = surrogating.scrub(text);

        assertThat(once).isEqualTo(surrogating.scrub(text));
        assertThat(once).doesNotContain("Farrowgate", "617-555-0143", "QX40917").contains("[DATE]")
                .matches("Dr\\. (\\S+) called \\d{3}-555-\\d{4} about \\1's visit on \\[DATE\\]; MRN: [A-Z]{2}\\d{5}\\.");
        assertThat(surrogating.scrub(text, Set.of(), 10)).contains(" on 03/15/2024;");
        assertThat(new TextScrubber(new Pseudonymizer(Fixtures.OTHER_KEY), TextScrubber.Replacement.SURROGATES).scrub(text))
                .isNotEqualTo(once);
    }

    @Test
    void syntheticDischargeNoteKeepsNoIdentifierButItsClinicalContent() {
        String note = Fixtures.text("text/discharge-note.txt");

        String scrubbed = scrubber.scrub(note);

        assertThat(scrubbed).doesNotContain("Halvard", "Quintrell", "Osei", "QX-40917", "02/14/1931", "March 3, 2024",
                "2024-03-09", "Imelda", "Farrowgate", "Corwin", "Bellhaven", "93", "Marysville", "Ottilie", "555-0182",
                "example.net", "1172 Larchmont", "4B", "97222", "HZ4471923", "900-55-1234", "3/6/24", "04/02/2024", "40917");
        assertThat(scrubbed).contains("DISCHARGE SUMMARY", "community-acquired pneumonia", "ceftriaxone and azithromycin",
                "Chest X-ray improved", "Metformin 500 mg twice daily", "Patient denies chest pain", "Hospital Course:",
                "History of Present Illness:", "[NAME]", "[ID]", "[DATE]", "[AGE]", "[LOCATION]", "[PHONE]", "[EMAIL]",
                "[ADDRESS]", "[SSN]", "[URL]");
    }

    @Test
    void nullAndEmptyTextStayAsTheyAre() {
        assertThat(scrubber.scrub(null, patientFingerprints())).isNull();
        assertThat(scrubber.scrub("", patientFingerprints())).isEmpty();
    }
}
