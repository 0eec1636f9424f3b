package io.annota.deid.rules;

import ca.uhn.fhir.fhirpath.IFhirPath;
import java.util.Set;

/**
 * One rule of a rule file: which elements it selects and what it does to them.
 *
 * @param name          the rule's {@code id}, or "rule N" when it has none
 * @param source        where it was written: {@code file:line}
 * @param path          the FHIRPath expression selecting elements, or null for a type rule
 * @param expression    {@code path} parsed once at start-up, or null
 * @param pathRoots     the resource types {@code path} can select in (the types its union's operands start
 *                      with), empty when it applies to any resource
 * @param types         FHIR data type names selected (HumanName, date...), empty for a path rule
 * @param resourceTypes resource types the rule is limited to, empty for all
 * @param method        what the rule does
 * @param parameters    the method's parameters
 */
public record Rule(
        String name,
        String source,
        String path,
        IFhirPath.IParsedExpression expression,
        Set<String> pathRoots,
        Set<String> types,
        Set<String> resourceTypes,
        Method method,
        Parameters parameters) {

    public Rule {
        pathRoots = Set.copyOf(pathRoots);
        types = Set.copyOf(types);
        resourceTypes = Set.copyOf(resourceTypes);
    }

    /** Whether the rule may select anything in a resource of {@code resourceType}. */
    public boolean appliesTo(String resourceType) {
        return (resourceTypes.isEmpty() || resourceTypes.contains(resourceType))
                && (pathRoots.isEmpty() || pathRoots.contains(resourceType));
    }

    /** Names the rule for messages: never contains data values. */
    public String describe() {
        return "'" + name + "' (" + source + ")";
    }
}
