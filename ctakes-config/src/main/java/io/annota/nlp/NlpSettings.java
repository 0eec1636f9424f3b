package io.annota.nlp;

/**
 * Settings for {@link CtakesNlp#start(NlpSettings)}.
 *
 * @param profile   {@code "full"} (ClearTK assertion models + NegEx-style negation, ~650 MB heap per worker) or
 *                  {@code "lite"} (rule-based negation/status only, ~150 MB per worker); blank means full
 * @param workers   number of engines, i.e. notes processed in parallel (at least 1)
 * @param lookupXml cTAKES lookup XML (file path, then classpath); {@code null} or blank means the bundled
 *                  {@code annota/ctakes/lookup.xml} with the open starter dictionary
 */
public record NlpSettings(String profile, int workers, String lookupXml) {
}
