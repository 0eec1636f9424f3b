package io.annota.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NoteGoldTest {

    private static final int NOTES = 50;
    private static List<SyntheticNote> notes;

    @BeforeAll
    static void generate() {
        notes = new SyntheticFeed(99).notes(NOTES);
    }

    @Test
    void everyPhiSpanPointsExactlyAtItsValue() {
        for (SyntheticNote note : notes) {
            assertThat(note.phi()).isNotEmpty();
            for (PhiSpan span : note.phi()) {
                assertThat(span.path()).isEqualTo("NOTE");
                assertThat(note.text().substring(span.begin(), span.end())).as("%s", span).isEqualTo(span.value());
            }
        }
    }

    @Test
    void everyClinicalMentionPointsExactlyAtItsText() {
        Set<String> groups = new TreeSet<>();
        for (SyntheticNote note : notes) {
            for (ClinicalMention mention : note.clinical()) {
                assertThat(note.text().substring(mention.begin(), mention.end())).isEqualTo(mention.text());
                groups.add(mention.group());
            }
        }
        assertThat(groups).containsExactlyInAnyOrder(ClinicalMention.DISORDER, ClinicalMention.SIGN_SYMPTOM,
                ClinicalMention.MEDICATION, ClinicalMention.PROCEDURE);
    }

    @Test
    void spansDoNotOverlap() {
        for (SyntheticNote note : notes) {
            boolean[] used = new boolean[note.text().length()];
            for (PhiSpan span : note.phi()) {
                for (int i = span.begin(); i < span.end(); i++) {
                    assertThat(used[i]).as("overlap at %d in %s", i, span).isFalse();
                    used[i] = true;
                }
            }
            for (ClinicalMention mention : note.clinical()) {
                for (int i = mention.begin(); i < mention.end(); i++) {
                    assertThat(used[i]).as("mention %s overlaps PHI", mention).isFalse();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = PhiType.class, names = {"PATIENT_NAME", "RELATIVE_NAME", "CLINICIAN_NAME", "DATE",
        "BIRTH_DATE", "PHONE", "MRN", "STREET_ADDRESS", "CITY", "ZIP"})
    void eachNoteMentionsTheCoreIdentifiers(PhiType type) {
        Map<PhiType, Integer> notesWith = new EnumMap<>(PhiType.class);
        for (SyntheticNote note : notes) {
            note.phi().stream().map(PhiSpan::type).distinct().forEach(t -> notesWith.merge(t, 1, Integer::sum));
        }
        assertThat(notesWith.getOrDefault(type, 0)).as("notes with %s", type).isEqualTo(NOTES);
    }

    @Test
    void rarerIdentifiersAppearNowAndThen() {
        Map<PhiType, Integer> spans = new EnumMap<>(PhiType.class);
        for (SyntheticNote note : notes) {
            note.phi().forEach(s -> spans.merge(s.type(), 1, Integer::sum));
        }
        assertThat(spans).containsKeys(PhiType.EMAIL, PhiType.SSN, PhiType.URL, PhiType.ACCOUNT_NUMBER,
                PhiType.VISIT_NUMBER);
        assertThat(spans.get(PhiType.EMAIL)).isLessThan(NOTES);
    }

    @Test
    void clinicalMentionsIncludeNegationsAndFamilyHistory() {
        List<ClinicalMention> all = notes.stream().flatMap(n -> n.clinical().stream()).toList();
        assertThat(all).anyMatch(m -> m.negated() && m.subject().equals(ClinicalMention.PATIENT));
        assertThat(all).anyMatch(m -> !m.negated() && m.subject().equals(ClinicalMention.PATIENT));
        assertThat(all).anyMatch(m -> m.subject().equals(ClinicalMention.FAMILY_MEMBER) && !m.negated());
        assertThat(all).anyMatch(m -> m.subject().equals(ClinicalMention.FAMILY_MEMBER) && m.negated());
        assertThat(notes).allMatch(n -> n.clinical().stream().anyMatch(ClinicalMention::negated));
        // negated mentions read as negated in the text
        for (SyntheticNote note : notes) {
            for (ClinicalMention m : note.clinical()) {
                if (m.negated()) {
                    String before = note.text().substring(Math.max(0, m.begin() - 60), m.begin()).toLowerCase();
                    assertThat(before).containsAnyOf("denies", "denied", "no ", "negative for");
                }
            }
        }
    }

    @Test
    void notesComeInSeveralStyles() {
        Set<String> headings = new TreeSet<>();
        for (SyntheticNote note : notes) {
            headings.add(note.text().substring(0, note.text().indexOf('\n')));
            assertThat(note.text()).doesNotEndWith("\n").doesNotContain(" \n").doesNotContain("\r");
        }
        assertThat(headings.size()).isGreaterThanOrEqualTo(5);
        assertThat(String.join("\n", notes.stream().map(SyntheticNote::text).toList()))
                .contains("HISTORY OF PRESENT ILLNESS:", "ASSESSMENT AND PLAN:", "FAMILY HISTORY:", "HOSPITAL COURSE:");
    }
}
