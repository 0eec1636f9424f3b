package io.annota.deid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.UrlUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites conditional URLs ({@code Patient?identifier=system|value}) so that they match what storage holds:
 * identifier values become the same keyed pseudonyms the de-identification writes. Conditional creates,
 * updates, deletes and references then find the resource a source system means, and no cleartext identifier
 * reaches the database (HAPI keeps conditional-create URLs) or the logs.
 *
 * <p>Only parameters that can match de-identified data are accepted: identifier tokens (rewritten, a system
 * is required because the pseudonym depends on it), {@code _id}, other tokens (codes) and references. Any
 * other parameter (names, birth dates, phone numbers, addresses...) could never match and would carry PHI:
 * such a URL is refused with HTTP 400 naming the parameter, never its value.
 */
public final class ConditionalUrlPseudonymizer {

    private static final Set<String> ALLOWED_SPECIAL = Set.of("_id", "_tag", "_profile", "_security");

    private final FhirContext context;
    private final Pseudonymizer pseudonymizer;

    public ConditionalUrlPseudonymizer(FhirContext context, Pseudonymizer pseudonymizer) {
        this.context = context;
        this.pseudonymizer = pseudonymizer;
    }

    /**
     * {@code conditionalUrl} ({@code Type?query}, or just {@code query} as in {@code ifNoneExist}, then of
     * {@code resourceType}) with identifier values pseudonymised; null stays null.
     */
    public String rewrite(String resourceType, String conditionalUrl) {
        if (conditionalUrl == null || conditionalUrl.isBlank()) {
            return conditionalUrl;
        }
        int question = conditionalUrl.indexOf('?');
        String type = question < 0 ? resourceType : conditionalUrl.substring(0, question);
        String query = question < 0 ? conditionalUrl : conditionalUrl.substring(question + 1);
        if (type == null || type.isBlank() || query.isEmpty()) {
            return conditionalUrl;
        }
        RuntimeResourceDefinition definition = definition(type);
        List<String> parameters = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = UrlUtil.unescape(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : UrlUtil.unescape(pair.substring(equals + 1));
            parameters.add(escape(name) + "=" + escape(rewriteValue(definition, name, value)));
        }
        String rewritten = String.join("&", parameters);
        return question < 0 ? rewritten : type + "?" + rewritten;
    }

    private String rewriteValue(RuntimeResourceDefinition definition, String name, String value) {
        String baseName = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        if (ALLOWED_SPECIAL.contains(baseName)) {
            return value;
        }
        RuntimeSearchParam parameter = definition.getSearchParam(baseName);
        if (parameter == null) {
            throw refused(definition.getName(), baseName, "is not a search parameter of this type");
        }
        if (isIdentifier(parameter)) {
            List<String> pseudonymised = new ArrayList<>();
            for (String alternative : value.split(",")) {
                int bar = alternative.indexOf('|');
                if (bar <= 0 || bar == alternative.length() - 1) {
                    throw refused(definition.getName(), baseName, "needs system|value: identifiers are stored as "
                            + "pseudonyms that depend on their system");
                }
                String system = alternative.substring(0, bar);
                pseudonymised.add(system + "|" + pseudonymizer.pseudonym(system, alternative.substring(bar + 1)));
            }
            return String.join(",", pseudonymised);
        }
        if (isCode(parameter) || parameter.getParamType() == RestSearchParameterTypeEnum.REFERENCE) {
            return value;
        }
        throw refused(definition.getName(), baseName, "cannot match de-identified data");
    }

    private static boolean isIdentifier(RuntimeSearchParam parameter) {
        return parameter.getParamType() == RestSearchParameterTypeEnum.TOKEN
                && parameter.getPath() != null
                && parameter.getPath().matches("(?s).*\\.identifier\\b.*");
    }

    /**
     * Escapes only what would break the query apart: HAPI reads conditional URLs with ':' '/' and '|' as
     * they are, and pseudonyms are plain hex.
     */
    private static String escape(String text) {
        return text.replace("%", "%25").replace("&", "%26").replace("=", "%3D").replace("#", "%23")
                .replace("+", "%2B").replace(" ", "%20");
    }

    /** A token that is not a contact point: codes, statuses, booleans. Phone and e-mail tokens carry PHI. */
    private static boolean isCode(RuntimeSearchParam parameter) {
        return parameter.getParamType() == RestSearchParameterTypeEnum.TOKEN
                && (parameter.getPath() == null || !parameter.getPath().contains("telecom"));
    }

    private RuntimeResourceDefinition definition(String resourceType) {
        try {
            return context.getResourceDefinition(resourceType);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("Conditional URL names an unknown resource type");
        }
    }

    private static InvalidRequestException refused(String resourceType, String parameter, String why) {
        return new InvalidRequestException("Conditional URL on " + resourceType + ": parameter '" + parameter + "' "
                + why);
    }
}
