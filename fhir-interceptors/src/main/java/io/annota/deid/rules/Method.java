package io.annota.deid.rules;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a rule does to the elements it selects, and the parameters each method accepts in a rule file.
 * A selected complex element (a HumanName, a Period) is handled as a whole by {@link #KEEP} and {@link #REDACT};
 * the other methods apply to the primitives inside it that they can change.
 */
public enum Method {
    /** Leave the element as it is; later rules and the text scrubber do not touch it. */
    KEEP("keep"),
    /** Remove the element. */
    REDACT("redact"),
    /** Replace by a keyed HMAC-SHA256 (Identifier values per system, references by pseudonymous ids). */
    CRYPTO_HASH("cryptoHash", "domain"),
    /** Replace by AES-GCM ciphertext that a holder of the key can decrypt. */
    ENCRYPT("encrypt"),
    /** Move dates by the patient's keyed offset, so intervals between one patient's dates are kept. */
    DATE_SHIFT("dateShift"),
    /** Replace by a fixed value, or by a realistic surrogate consistent per original value. */
    SUBSTITUTE("substitute", "value", "surrogate"),
    /** Add keyed, bounded noise to numbers. */
    PERTURB("perturb", "span", "rangeType", "roundTo"),
    /** Make less precise: dates to the year or month, ZIP codes to three digits, ages over 89 to 90+. */
    GENERALIZE("generalize", "to");

    private final String yamlName;
    private final Set<String> parameters;

    Method(String yamlName, String... parameters) {
        this.yamlName = yamlName;
        this.parameters = Set.of(parameters);
    }

    public String yamlName() {
        return yamlName;
    }

    /** The parameter names the method accepts in a rule. */
    public Set<String> parameters() {
        return parameters;
    }

    public static Optional<Method> byYamlName(String name) {
        return Arrays.stream(values()).filter(m -> m.yamlName.equals(name)).findFirst();
    }

    public static String known() {
        return Arrays.stream(values()).map(Method::yamlName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
