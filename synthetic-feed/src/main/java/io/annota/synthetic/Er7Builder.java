package io.annota.synthetic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one ER7 ("pipe") message from unescaped values and records gold PHI with HL7 paths (see
 * {@link Hl7Path}). Values are escaped on output ({@code \F\ \S\ \T\ \R\ \E\}); the gold keeps them unescaped.
 */
final class Er7Builder {

    private final List<Segment> segments = new ArrayList<>();
    private final List<PhiSpan> phi = new ArrayList<>();
    private final Map<String, Integer> occurrences = new HashMap<>(); // lookups only, never iterated
    private boolean escaped;
    private boolean repeated;
    private boolean nulls;

    Segment segment(String name) {
        int occurrence = occurrences.merge(name, 1, Integer::sum);
        Segment segment = new Segment(name, occurrence);
        segments.add(segment);
        return segment;
    }

    /** Occurrences so far of segment {@code name}. */
    int count(String name) {
        return occurrences.getOrDefault(name, 0);
    }

    void addPhi(PhiSpan span) {
        phi.add(span);
    }

    List<PhiSpan> phi() {
        return phi;
    }

    boolean escaped() {
        return escaped;
    }

    boolean repeated() {
        return repeated;
    }

    boolean nulls() {
        return nulls;
    }

    /** The message with {@code lineEnd} after every segment. */
    String encode(String lineEnd) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            segment.encode(out);
            out.append(lineEnd);
        }
        return out.toString();
    }

    /** One segment: fields[field][repetition][component][subcomponent], all 0-based lists. */
    final class Segment {

        final String name;
        final int occurrence;
        private final List<List<List<List<String>>>> fields = new ArrayList<>();
        private int padTo;

        private Segment(String name, int occurrence) {
            this.name = name;
            this.occurrence = occurrence;
        }

        /** Field {@code field}, first repetition, first component. */
        Segment put(int field, String value) {
            return put(field, 1, 1, value);
        }

        /** 1-based field, repetition and component. Null values are skipped. */
        Segment put(int field, int repetition, int component, String value) {
            return put(field, repetition, component, 1, value);
        }

        Segment put(int field, int repetition, int component, int subcomponent, String value) {
            if (value == null) {
                return this;
            }
            if (repetition > 1) {
                repeated = true;
            }
            if ("\"\"".equals(value)) {
                nulls = true;
            }
            List<String> subs = slot(slot(slot(fields, field), repetition), component);
            while (subs.size() < subcomponent) {
                subs.add("");
            }
            subs.set(subcomponent - 1, value);
            return this;
        }

        /** Puts a PHI value and records it (component 0: a field without components). */
        Segment phi(int field, int repetition, int component, PhiType type, String value) {
            put(field, repetition, Math.max(component, 1), value);
            addPhi(PhiSpan.field(type, value, path(field, repetition, component)));
            return this;
        }

        /** A PHI value filling a whole field (first repetition). */
        Segment phi(int field, PhiType type, String value) {
            return phi(field, 1, 0, type, value);
        }

        /** Free text with PHI at known offsets; the spans' offsets stay, their path becomes this field's. */
        Segment text(int field, int repetition, String text, List<PhiSpan> spans) {
            put(field, repetition, 1, text);
            String path = path(field, repetition, 0);
            for (PhiSpan span : spans) {
                addPhi(span.relocate(path, 0));
            }
            return this;
        }

        /** Keeps empty trailing fields up to {@code field} (the empty-fields quirk). */
        Segment padTo(int field) {
            this.padTo = field;
            nulls = true;
            return this;
        }

        String path(int field, int repetition, int component) {
            return Hl7Path.format(name, Hl7Path.REPEATING_SEGMENTS.contains(name) ? occurrence : 0, field,
                    repetition, component);
        }

        private void encode(StringBuilder out) {
            out.append(name);
            int first = 1;
            if (name.equals("MSH")) {
                out.append("|^~\\&");
                first = 3;
            }
            int last = fields.size();
            while (last > 0 && empty(fields.get(last - 1))) {
                last--;
            }
            last = Math.max(last, padTo);
            for (int f = first; f <= last; f++) {
                out.append('|');
                if (f <= fields.size()) {
                    encodeField(out, fields.get(f - 1));
                }
            }
        }

        private void encodeField(StringBuilder out, List<List<List<String>>> repetitions) {
            for (int r = 0; r < repetitions.size(); r++) {
                if (r > 0) {
                    out.append('~');
                }
                List<List<String>> components = repetitions.get(r);
                int lastComponent = components.size();
                while (lastComponent > 0 && emptyComponent(components.get(lastComponent - 1))) {
                    lastComponent--;
                }
                for (int c = 0; c < lastComponent; c++) {
                    if (c > 0) {
                        out.append('^');
                    }
                    List<String> subs = components.get(c);
                    int lastSub = subs.size();
                    while (lastSub > 0 && subs.get(lastSub - 1).isEmpty()) {
                        lastSub--;
                    }
                    for (int s = 0; s < lastSub; s++) {
                        if (s > 0) {
                            out.append('&');
                        }
                        out.append(escape(subs.get(s)));
                    }
                }
            }
        }
    }

    /** HL7 escaping with the standard encoding characters {@code |^~\&}. */
    String escape(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = switch (c) {
                case '|' -> "\\F\\";
                case '^' -> "\\S\\";
                case '&' -> "\\T\\";
                case '~' -> "\\R\\";
                case '\\' -> "\\E\\";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        if (out == null) {
            return value;
        }
        escaped = true;
        return out.toString();
    }

    private static <T> T slot(List<T> list, int oneBased) {
        while (list.size() < oneBased) {
            list.add(newList());
        }
        return list.get(oneBased - 1);
    }

    @SuppressWarnings("unchecked")
    private static <T> T newList() {
        return (T) new ArrayList<>();
    }

    private static boolean empty(List<List<List<String>>> field) {
        for (List<List<String>> repetition : field) {
            for (List<String> component : repetition) {
                if (!emptyComponent(component)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean emptyComponent(List<String> component) {
        for (String sub : component) {
            if (!sub.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
