package io.annota.intake.hl7.mapping;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code when} (rule) or {@code where} (resource) condition: clauses that must all hold. A clause is
 * {@code 3} (present), {@code !3} (absent), {@code 2 = NET|X.400} (one of; a trailing {@code |} also accepts an
 * absent value), {@code 2 != A|B}, with an HL7 position as in {@link V2Path} or {@code @path}, a FHIR element the
 * rules have already set on the element being built. Values compare without regard to case.
 */
final class Condition {

    static final Condition ALWAYS = new Condition(List.of());

    private static final Pattern CLAUSE = Pattern.compile("\\s*(!?)\\s*(@?[A-Za-z0-9.\\-\\[\\]+]+)\\s*(?:(!?=)(.*))?");

    private enum Op { PRESENT, ABSENT, IN, NOT_IN }

    private record Clause(V2Path v2, TargetPath target, Op op, Set<String> values) {
    }

    /** What a condition reads: HL7 values where the rule applies, and the element being built. */
    interface Values {
        String v2(V2Path path);

        String target(TargetPath path);
    }

    private final List<Clause> clauses;

    private Condition(List<Clause> clauses) {
        this.clauses = clauses;
    }

    /**
     * Parses clause texts; {@code targets} compiles {@code @path} relative to the element the rule builds (null
     * where no element exists yet). {@link IllegalArgumentException} with a reason otherwise.
     */
    static Condition parse(List<String> texts, Function<String, TargetPath> targets) {
        List<Clause> out = new ArrayList<>();
        for (String text : texts) {
            Matcher m = CLAUSE.matcher(text);
            if (!m.matches() || (!m.group(1).isEmpty() && m.group(3) != null)) {
                throw new IllegalArgumentException("'" + text + "' is not a condition (3, !3, 3 = A|B or 3 != A|B)");
            }
            String subject = m.group(2);
            V2Path v2 = null;
            TargetPath target = null;
            if (subject.startsWith("@")) {
                if (targets == null) {
                    throw new IllegalArgumentException("'" + text + "': @paths read the element a rule builds; "
                            + "there is none here");
                }
                target = targets.apply(subject.substring(1));
            } else {
                v2 = V2Path.parse(subject);
            }
            Op op;
            Set<String> values = Set.of();
            if (m.group(3) == null) {
                op = m.group(1).isEmpty() ? Op.PRESENT : Op.ABSENT;
            } else {
                op = "=".equals(m.group(3)) ? Op.IN : Op.NOT_IN;
                values = values(m.group(4));
            }
            out.add(new Clause(v2, target, op, values));
        }
        return out.isEmpty() ? ALWAYS : new Condition(List.copyOf(out));
    }

    private static Set<String> values(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : text.split("\\|", -1)) {
            out.add(v.trim().toUpperCase(Locale.ROOT));
        }
        if (out.size() == 1 && out.contains("")) {
            throw new IllegalArgumentException("a comparison needs at least one value");
        }
        return Set.copyOf(out);
    }

    boolean test(Values values) {
        for (Clause clause : clauses) {
            String value = clause.v2() != null ? values.v2(clause.v2()) : values.target(clause.target());
            String normal = value == null ? "" : value.toUpperCase(Locale.ROOT);
            boolean holds = switch (clause.op()) {
                case PRESENT -> value != null;
                case ABSENT -> value == null;
                case IN -> clause.values().contains(normal);
                case NOT_IN -> !clause.values().contains(normal);
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** HL7 positions the condition reads (for load-time checks). */
    List<V2Path> v2Paths() {
        return clauses.stream().map(Clause::v2).filter(java.util.Objects::nonNull).toList();
    }
}
