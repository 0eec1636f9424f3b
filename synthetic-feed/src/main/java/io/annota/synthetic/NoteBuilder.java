package io.annota.synthetic;

import java.util.ArrayList;
import java.util.List;

/** Appends note text while recording the exact offsets of PHI values and clinical mentions. */
final class NoteBuilder {

    static final String PATH = "NOTE";

    private final StringBuilder text = new StringBuilder();
    private final List<PhiSpan> phi = new ArrayList<>();
    private final List<ClinicalMention> clinical = new ArrayList<>();

    NoteBuilder t(String plain) {
        text.append(plain);
        return this;
    }

    NoteBuilder phi(PhiType type, String value) {
        int begin = text.length();
        text.append(value);
        phi.add(new PhiSpan(type, value, PATH, begin, text.length()));
        return this;
    }

    NoteBuilder mention(String term, String group, boolean negated, String subject) {
        int begin = text.length();
        text.append(term);
        clinical.add(new ClinicalMention(term, begin, text.length(), group, negated, subject));
        return this;
    }

    /** A patient-level mention. */
    NoteBuilder m(String term, String group, boolean negated) {
        return mention(term, group, negated, ClinicalMention.PATIENT);
    }

    /** Ends the line (no trailing blanks). */
    NoteBuilder nl() {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        if (end != text.length()) {
            text.setLength(end);
        }
        text.append('\n');
        return this;
    }

    /** A list of negated symptoms: "a, b, or c" with the given conjunction. */
    NoteBuilder negatedList(List<String> terms, String conjunction, String group) {
        for (int i = 0; i < terms.size(); i++) {
            if (i > 0) {
                t(i == terms.size() - 1 ? (terms.size() > 2 ? ", " : " ") + conjunction + " " : ", ");
            }
            m(terms.get(i), group, true);
        }
        return this;
    }

    int length() {
        return text.length();
    }

    SyntheticNote build() {
        String out = text.toString();
        while (out.endsWith("\n")) {
            out = out.substring(0, out.length() - 1);
        }
        return new SyntheticNote(out, phi, clinical);
    }
}
