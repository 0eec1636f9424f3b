package io.annota.server.review;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The review-state an annotation has after a sequence of reviewers' decisions. Pure, so the rules can be tested
 * without a server.
 *
 * <p>Only each reviewer's latest decision counts (a reviewer may change their mind). Reviewers who agree give
 * their common outcome; reviewers who differ leave the annotation {@code disputed}. An adjudication settles it: its
 * outcome holds, and later decisions are weighed against it as if it were one more reviewer's.
 */
public final class ReviewStates {

    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String CORRECTED = "corrected";
    public static final String DISPUTED = "disputed";
    /** A mention a reviewer added where the machine found none. */
    public static final String ADDED = "added";

    /** What a reviewer asks for. */
    public enum Decision {
        ACCEPT(ACCEPTED), REJECT(REJECTED), CORRECT(CORRECTED), ADJUDICATE(null);

        private final String outcome;

        Decision(String outcome) {
            this.outcome = outcome;
        }

        /** The decision named by its code ({@code accept}, ...), or null for an unknown code. */
        public static Decision of(String code) {
            for (Decision decision : values()) {
                if (decision.code().equals(code)) {
                    return decision;
                }
            }
            return null;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The review-state this decision asks for; null for {@link #ADJUDICATE}, which names its own. */
        public String outcome() {
            return outcome;
        }
    }

    /**
     * One recorded decision.
     *
     * @param reviewer     who decided, in its stored (pseudonymous) form
     * @param outcome      the state asked for: accepted, rejected or corrected
     * @param adjudication whether it settles a dispute
     */
    public record Vote(String reviewer, String outcome, boolean adjudication) {
    }

    private ReviewStates() {
    }

    /** The state after {@code votes}, oldest first; there is at least one. */
    public static String after(List<Vote> votes) {
        Map<String, String> latest = new LinkedHashMap<>();
        for (Vote vote : votes) {
            if (vote.adjudication()) {
                // the adjudicator's word replaces every earlier opinion
                latest.clear();
            }
            latest.remove(vote.reviewer());
            latest.put(vote.reviewer(), vote.outcome());
        }
        return latest.values().stream().distinct().count() == 1 ? latest.values().iterator().next() : DISPUTED;
    }
}
