package io.annota.deid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.UrlUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites conditional URLs ({@code Patient?identifier=system|value}) so that they match what storage holds:
 * identifier values become the same keyed pseudonyms the de-identification writes. Conditional creates,
 * updates, deletes and references then find the resource a source system means, and no cleartext identifier
 * reaches the database (HAPI keeps conditional-create URLs) or the logs.
 *
 * <p>Only parameters that can match de-identified data are accepted: identifier tokens (rewritten, a system
 * is required because the pseudonym depends on it), {@code _id} and references (their ids mapped with
 * {@link Pseudonymizer#pseudonymousId}, as stored), other tokens (codes). Any other parameter (names, birth
 * dates, phone numbers, addresses...) could never match and would carry PHI: such a URL is refused with HTTP
 * 400 naming the parameter, never its value.
 *
 * <p>{@link #rewriteSearch} applies the same id and identifier mapping to the parameters of a plain search,
 * leaving every other parameter alone.
 */
public final class ConditionalUrlPseudonymizer {

    private static final Set<String> ALLOWED_SPECIAL = Set.of("_id", "_tag", "_profile", "_security");

    private final FhirContext context;
    private final Pseudonymizer pseudonymizer;
    private final ResourceIdPseudonymizer ids;

    public ConditionalUrlPseudonymizer(FhirContext context, Pseudonymizer pseudonymizer) {
        this.context = context;
        this.pseudonymizer = pseudonymizer;
        this.ids = new ResourceIdPseudonymizer(context, pseudonymizer);
    }

    /** The FHIR context this works with. */
    public FhirContext context() {
        return context;
    }

    /** The resource id mapping used for {@code _id} and reference parameters. */
    public ResourceIdPseudonymizer ids() {
        return ids;
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
        if (type != null && type.indexOf('/') >= 0) {
            // HAPI strips its own base from an absolute If-None-Exist URL and leaves the '/': "/Patient?..."
            type = type.substring(type.lastIndexOf('/') + 1);
        }
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

    /**
     * The parameters of a search on {@code resourceType} (null: a system-level search) with {@code _id} values,
     * reference values and identifier tokens of the form {@code system|value} mapped to the stored form; every
     * other parameter, chained parameters and values without a system are left as they are (a search that
     * cannot match returns nothing). Returns {@code parameters} itself when nothing changed.
     */
    public Map<String, String[]> rewriteSearch(String resourceType, Map<String, String[]> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return parameters;
        }
        RuntimeResourceDefinition definition = null;
        if (resourceType != null && ids.isResourceType(resourceType)) {
            definition = context.getResourceDefinition(resourceType);
        }
        Map<String, String[]> out = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<String, String[]> entry : parameters.entrySet()) {
            String name = entry.getKey();
            String[] values = entry.getValue();
            String[] mapped = values == null ? null : values.clone();
            if (mapped != null && name != null && !name.contains(".")) {
                String baseName = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
                String modifier = name.contains(":") ? name.substring(name.indexOf(':') + 1) : null;
                for (int i = 0; i < mapped.length; i++) {
                    if (mapped[i] == null) {
                        continue;
                    }
                    if ("_id".equals(baseName) && definition != null) {
                        mapped[i] = mapIds(definition.getName(), mapped[i]);
                    } else if (definition != null && definition.getSearchParam(baseName) != null) {
                        RuntimeSearchParam parameter = definition.getSearchParam(baseName);
                        if (parameter.getParamType() == RestSearchParameterTypeEnum.REFERENCE) {
                            mapped[i] = mapReferences(parameter, modifier, mapped[i], false);
                        } else if (isIdentifier(parameter) && modifier == null) {
                            mapped[i] = mapIdentifierTokens(mapped[i], false);
                        }
                    }
                }
                changed |= !java.util.Arrays.equals(values, mapped);
            }
            out.put(name, mapped);
        }
        return changed ? out : parameters;
    }

    private String mapIds(String resourceType, String value) {
        List<String> out = new ArrayList<>();
        for (String id : value.split(",", -1)) {
            out.add(ids.id(resourceType, id.trim()));
        }
        return String.join(",", out);
    }

    /**
     * Reference search values: {@code Type/id}, {@code [base]/Type/id}, a bare {@code id} (of the modifier's type,
     * or of the parameter's only target type) and {@code :identifier} tokens. A bare id whose type is ambiguous
     * cannot be mapped: refused when {@code strict}, otherwise left.
     */
    private String mapReferences(RuntimeSearchParam parameter, String modifier, String value, boolean strict) {
        if ("identifier".equals(modifier)) {
            return mapIdentifierTokens(value, strict);
        }
        if ("missing".equals(modifier)) {
            return value;
        }
        List<String> out = new ArrayList<>();
        for (String alternative : value.split(",", -1)) {
            if (alternative.isEmpty() || alternative.indexOf('/') >= 0 || alternative.startsWith("urn:")) {
                out.add(ids.reference(alternative));
                continue;
            }
            String type = modifier != null && ids.isResourceType(modifier) ? modifier
                    : parameter.getTargets() != null && parameter.getTargets().size() == 1
                            ? parameter.getTargets().iterator().next() : null;
            if (type != null) {
                out.add(ids.id(type, alternative));
            } else if (strict && !ids.id("Patient", alternative).equals(alternative)) {
                throw new InvalidRequestException("Conditional URL: reference parameter '" + parameter.getName()
                        + "' needs Type/id: stored ids depend on the resource type");
            } else {
                out.add(alternative);
            }
        }
        return String.join(",", out);
    }

    /** {@code system|value} alternatives with the value pseudonymised; without a system refused when strict. */
    private String mapIdentifierTokens(String value, boolean strict) {
        List<String> pseudonymised = new ArrayList<>();
        for (String alternative : value.split(",", -1)) {
            int bar = alternative.indexOf('|');
            if (bar <= 0 || bar == alternative.length() - 1) {
                if (strict) {
                    return null;
                }
                pseudonymised.add(alternative);
                continue;
            }
            pseudonymised.add(pseudonymiseToken(alternative, bar));
        }
        return String.join(",", pseudonymised);
    }

    /**
     * {@code system|value} with the value pseudonymised; a value that already has the form of a pseudonym is kept,
     * as the de-identification keeps it in stored identifiers.
     */
    private String pseudonymiseToken(String token, int bar) {
        String system = token.substring(0, bar);
        String value = token.substring(bar + 1);
        return system + "|" + (Pseudonymizer.isPseudonym(value) ? value : pseudonymizer.pseudonym(system, value));
    }

    private String rewriteValue(RuntimeResourceDefinition definition, String name, String value) {
        String baseName = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        String modifier = name.contains(":") ? name.substring(name.indexOf(':') + 1) : null;
        if ("_id".equals(baseName)) {
            return mapIds(definition.getName(), value);
        }
        if (ALLOWED_SPECIAL.contains(baseName)) {
            return value;
        }
        RuntimeSearchParam parameter = definition.getSearchParam(baseName);
        if (parameter == null) {
            throw refused(definition.getName(), baseName, "is not a search parameter of this type");
        }
        if (parameter.getParamType() == RestSearchParameterTypeEnum.REFERENCE) {
            if (name.contains(".")) {
                throw refused(definition.getName(), baseName, "is chained: chained conditions are not supported");
            }
            String mapped = mapReferences(parameter, modifier, value, true);
            if (mapped == null) {
                throw refused(definition.getName(), baseName, "needs system|value: identifiers are stored as "
                        + "pseudonyms that depend on their system");
            }
            return mapped;
        }
        if (isIdentifier(parameter)) {
            List<String> pseudonymised = new ArrayList<>();
            for (String alternative : value.split(",")) {
                int bar = alternative.indexOf('|');
                if (bar <= 0 || bar == alternative.length() - 1) {
                    throw refused(definition.getName(), baseName, "needs system|value: identifiers are stored as "
                            + "pseudonyms that depend on their system");
                }
                pseudonymised.add(pseudonymiseToken(alternative, bar));
            }
            return String.join(",", pseudonymised);
        }
        if (isCode(parameter)) {
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
