package io.annota.server.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;

/**
 * An operation's arguments by name, from the query string of a GET or the Parameters body of a POST, so that the
 * export operations take the same arguments either way. Comma-separated values count as several.
 */
final class OperationArguments {

    private final Map<String, List<String>> values;

    OperationArguments(Map<String, List<String>> values) {
        this.values = values;
    }

    /** The arguments of a request: query parameters, plus those of a POSTed Parameters resource. */
    static Map<String, List<String>> of(RequestDetails request, FhirContext context) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        request.getParameters().forEach((name, given) -> values.put(name, new ArrayList<>(split(Arrays.stream(given)))));
        if (request.getRequestType() == RequestTypeEnum.POST) {
            byte[] body = request.loadRequestContents();
            if (body != null && body.length > 0) {
                parameters(request, context, body).getParameter().forEach(p -> values
                        .computeIfAbsent(p.getName(), n -> new ArrayList<>())
                        .addAll(split(Stream.of(value(p)))));
            }
        }
        return values;
    }

    private static Parameters parameters(RequestDetails request, FhirContext context, byte[] body) {
        EncodingEnum encoding = EncodingEnum.forContentType(request.getHeader("Content-Type"));
        try {
            return (encoding == null ? EncodingEnum.JSON : encoding).newParser(context)
                    .parseResource(Parameters.class, new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("the body must be a Parameters resource");
        }
    }

    private static String value(Parameters.ParametersParameterComponent parameter) {
        if (parameter.getValue() instanceof Reference reference) {
            return reference.getReference();
        }
        if (parameter.getValue() == null || !parameter.getValue().isPrimitive()) {
            throw new InvalidRequestException("parameter " + parameter.getName() + " needs a primitive value");
        }
        return parameter.getValue().primitiveValue();
    }

    private static List<String> split(Stream<String> given) {
        return given.filter(v -> v != null)
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    List<String> list(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The one value of {@code name}, or null; 400 if given more than once. */
    String single(String name) {
        List<String> given = list(name);
        if (given.size() > 1) {
            throw new InvalidRequestException(name + " may be given once");
        }
        return given.isEmpty() ? null : given.get(0);
    }

    boolean flag(String name) {
        String value = single(name);
        if (value == null) {
            return false;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidRequestException(name + " must be true or false");
        }
        return Boolean.parseBoolean(value);
    }

    int integer(String name, int absent) {
        String value = single(name);
        try {
            return value == null ? absent : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name + " must be an integer");
        }
    }
}
