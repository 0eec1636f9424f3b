package io.annota.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * One row of a table-driven test: in {@code note}, the mention covering {@code covered} must have these
 * properties. A {@code null} expectation is not checked.
 */
record MentionCase(String note, String covered, SemanticGroup group, String system, String code, Boolean negated,
                   Boolean uncertain, Boolean historyOf, String subject) {

    static MentionCase of(String note, String covered, SemanticGroup group) {
        return new MentionCase(note, covered, group, null, null, null, null, null, null);
    }

    MentionCase code(String system, String code) {
        return new MentionCase(note, covered, group, system, code, negated, uncertain, historyOf, subject);
    }

    MentionCase negated(boolean value) {
        return new MentionCase(note, covered, group, system, code, value, uncertain, historyOf, subject);
    }

    MentionCase uncertain(boolean value) {
        return new MentionCase(note, covered, group, system, code, negated, value, historyOf, subject);
    }

    MentionCase historyOf(boolean value) {
        return new MentionCase(note, covered, group, system, code, negated, uncertain, value, subject);
    }

    MentionCase subject(String value) {
        return new MentionCase(note, covered, group, system, code, negated, uncertain, historyOf, value);
    }

    /** Checks this case and returns the mention it found, for further checks. */
    ConceptMention check(ClinicalNlp nlp) {
        List<ConceptMention> mentions = nlp.annotate(note);
        int begin = note.indexOf(covered);
        assertThat(begin).as("test setup: '%s' in '%s'", covered, note).isGreaterThanOrEqualTo(0);
        ConceptMention m = mentions.stream()
                .filter(x -> x.begin() == begin && x.end() == begin + covered.length() && x.group() == group)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + group + " mention '" + covered + "' at " + begin
                        + " in '" + note + "'; found " + mentions));
        assertThat(m.coveredText()).isEqualTo(covered);
        assertThat(m.codes()).isNotEmpty();
        if (code != null) {
            assertThat(m.codes().get(0)).as("primary code of '%s'", covered)
                    .extracting(ConceptCode::system, ConceptCode::code).containsExactly(system, code);
        }
        Assertion a = m.assertion();
        if (negated != null) {
            assertThat(a.negated()).as("negated: '%s' in '%s'", covered, note).isEqualTo(negated);
        }
        if (uncertain != null) {
            assertThat(a.uncertain()).as("uncertain: '%s' in '%s'", covered, note).isEqualTo(uncertain);
        }
        if (historyOf != null) {
            assertThat(a.historyOf()).as("historyOf: '%s' in '%s'", covered, note).isEqualTo(historyOf);
        }
        if (subject != null) {
            assertThat(a.subject()).as("subject: '%s' in '%s'", covered, note).isEqualTo(subject);
        }
        return m;
    }

    @Override
    public String toString() {
        return "'" + covered + "' in '" + note + "'";
    }
}
