package io.annota.server.export;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.annota.server.nlp.AnnotationExtensions;
import io.annota.server.review.ReviewStates;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;

/**
 * What to export, from the operation's parameters (see docs/export.md).
 *
 * @param documents     explicit sources ({@code DocumentReference/12}, ...); empty for all
 * @param patient       only sources about this patient ({@code Patient/<id>}), or null
 * @param dates         FHIR date search values on the source's date (e.g. {@code ge2025-01-01}), ANDed
 * @param reviewStates  annotations in these review states are exported
 * @param fullyReviewed only sources none of whose annotations is still unconfirmed or disputed
 * @param format        the output format
 * @param k             the k-anonymity threshold
 * @param suppress      leave out the records in classes below k
 */
public record ExportQuery(List<String> documents, String patient, List<String> dates, Set<String> reviewStates,
        boolean fullyReviewed, ExportFormat format, int k, boolean suppress) {

    static final String UNCONFIRMED = "unconfirmed";
    /** Everything but rejected annotations: a rejected mention is no example of its label. */
    static final Set<String> DEFAULT_STATES = Set.of(UNCONFIRMED, ReviewStates.ACCEPTED, ReviewStates.CORRECTED,
            ReviewStates.ADDED, ReviewStates.DISPUTED);
    static final Set<String> ALL_STATES = Set.of(UNCONFIRMED, ReviewStates.ACCEPTED, ReviewStates.CORRECTED,
            ReviewStates.ADDED, ReviewStates.DISPUTED, ReviewStates.REJECTED);
    /** States that are still waiting for a person's decision. */
    static final Set<String> OPEN_STATES = Set.of(UNCONFIRMED, ReviewStates.DISPUTED);

    /** The query the named arguments describe; 400 for a malformed one. */
    public static ExportQuery of(Map<String, List<String>> arguments, int defaultK) {
        OperationArguments args = new OperationArguments(arguments);
        List<String> documents = args.list("document").stream().map(ExportQuery::document).toList();
        String patient = args.single("patient");
        if (patient != null && !patient.contains("/")) {
            patient = "Patient/" + patient;
        }
        List<String> dates = args.list("date");
        if (dates.size() > 2) {
            throw new InvalidRequestException("date may be given at most twice (a lower and an upper bound)");
        }
        Set<String> states = new LinkedHashSet<>(args.list("review-state"));
        if (!ALL_STATES.containsAll(states)) {
            throw new InvalidRequestException("review-state must be among " + ALL_STATES);
        }
        if (states.isEmpty()) {
            states.addAll(DEFAULT_STATES);
        }
        if (args.flag("include-rejected")) {
            states.add(ReviewStates.REJECTED);
        }
        int k = args.integer("k", defaultK);
        if (k < 1) {
            throw new InvalidRequestException("k must be at least 1");
        }
        return new ExportQuery(documents, patient, dates, Set.copyOf(states), args.flag("fully-reviewed"),
                ExportFormat.named(args.single("format")), k, args.flag("suppress"));
    }

    private static String document(String reference) {
        IdType id = new IdType(reference);
        if (!id.hasResourceType() || !AnnotationExtensions.SOURCE_TYPES.contains(id.getResourceType())
                || !id.hasIdPart()) {
            throw new InvalidRequestException("document must reference one of " + AnnotationExtensions.SOURCE_TYPES
                    + ", e.g. DocumentReference/12");
        }
        return id.toUnqualifiedVersionless().getValue();
    }
}
