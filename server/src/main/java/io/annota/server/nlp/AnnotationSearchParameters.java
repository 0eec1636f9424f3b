package io.annota.server.nlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.SearchParameter;

/**
 * Custom SearchParameters over the annotation extensions, on every annotation resource type: by source document
 * ({@code annotation-source}, also for {@code _include}), by assertion flag ({@code annotation-negated}, ...), by
 * experiencer ({@code annotation-subject}), by semantic group ({@code annotation-group}) and by {@code review-state}. Ids are fixed, so writing them at every
 * start-up is idempotent.
 */
final class AnnotationSearchParameters {

    static final String SOURCE = "annotation-source";
    static final String SUBJECT = "annotation-subject";
    static final String GROUP = "annotation-group";
    static final String REVIEW_STATE = "review-state";
    /** The canonical URL prefix of our SearchParameters. */
    private static final String URL = "https://annota.io/fhir/SearchParameter/";

    private AnnotationSearchParameters() {
    }

    static List<SearchParameter> all() {
        List<SearchParameter> parameters = new ArrayList<>();
        SearchParameter source = parameter(SOURCE, Enumerations.SearchParamType.REFERENCE,
                "The resource the annotation was found in (nlp-evidence source).",
                AnnotationExtensions.EVIDENCE, AnnotationExtensions.SOURCE);
        AnnotationExtensions.SOURCE_TYPES.forEach(source::addTarget);
        parameters.add(source);
        for (String flag : AnnotationExtensions.FLAGS) {
            parameters.add(parameter(flagCode(flag), Enumerations.SearchParamType.TOKEN,
                    "Whether the NLP found the mention " + flag + " (true/false, nlp-assertion).",
                    AnnotationExtensions.ASSERTION, flag));
        }
        parameters.add(parameter(SUBJECT, Enumerations.SearchParamType.TOKEN,
                "Who experiences the concept: patient, family_member, ... (nlp-assertion subject).",
                AnnotationExtensions.ASSERTION, AnnotationExtensions.SUBJECT));
        parameters.add(parameter(GROUP, Enumerations.SearchParamType.TOKEN,
                "The semantic group: " + String.join(", ", AnnotationGroups.CODES) + " (nlp-evidence group).",
                AnnotationExtensions.EVIDENCE, AnnotationExtensions.GROUP));
        parameters.add(parameter(REVIEW_STATE, Enumerations.SearchParamType.TOKEN,
                "Review state: unconfirmed until a person decides.", AnnotationExtensions.REVIEW_STATE, null));
        return parameters;
    }

    /** {@code annotation-negated}, {@code annotation-history-of}, ...: the flag's name in kebab case. */
    static String flagCode(String flag) {
        return "annotation-" + flag.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /** @param part the sub-extension holding the value, or null for a simple extension */
    private static SearchParameter parameter(
            String code, Enumerations.SearchParamType type, String description, String extension, String part) {
        SearchParameter parameter = new SearchParameter();
        parameter.setId(code);
        parameter.setUrl(URL + code);
        parameter.setName(code);
        parameter.setCode(code);
        parameter.setStatus(Enumerations.PublicationStatus.ACTIVE);
        parameter.setType(type);
        parameter.setDescription(description);
        AnnotationExtensions.ANNOTATED_TYPES.forEach(parameter::addBase);
        String path = ".extension('" + extension + "')" + (part == null ? "" : ".extension('" + part + "')") + ".value";
        parameter.setExpression(AnnotationExtensions.ANNOTATED_TYPES.stream()
                .map(base -> base + path).collect(Collectors.joining(" | ")));
        parameter.setXpathUsage(SearchParameter.XPathUsageType.NORMAL);
        return parameter;
    }
}
