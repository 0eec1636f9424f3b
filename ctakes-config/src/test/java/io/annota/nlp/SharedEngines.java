package io.annota.nlp;

/**
 * One engine pool per profile for the whole test JVM (surefire reuses one fork): building the full pipeline
 * takes ~15-25 s and ~650 MB per worker, so no test builds its own.
 */
final class SharedEngines {

    /** Test lookup XML: the bundled starter dictionary plus a one-line extra BSV (custom-dictionary path). */
    static final String LITE_LOOKUP_XML = "annota/test/lookup-with-extra.xml";

    private SharedEngines() {
    }

    /** Full profile, bundled lookup XML, 2 workers (the concurrency test needs two). */
    static CtakesNlp full() {
        return Full.INSTANCE;
    }

    /** Lite profile, 1 worker, with {@link #LITE_LOOKUP_XML}. */
    static CtakesNlp lite() {
        return Lite.INSTANCE;
    }

    private static final class Full {
        static final CtakesNlp INSTANCE = start(new NlpSettings("full", 2, null));
    }

    private static final class Lite {
        static final CtakesNlp INSTANCE = start(new NlpSettings("lite", 1, LITE_LOOKUP_XML));
    }

    private static CtakesNlp start(NlpSettings settings) {
        CtakesNlp nlp = CtakesNlp.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(nlp::close));
        return nlp;
    }
}
