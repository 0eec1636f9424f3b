package io.annota.server.deid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import io.annota.deid.ConditionalRequestInterceptor;
import io.annota.deid.ConditionalTransactionInterceptor;
import io.annota.deid.ConditionalUrlPseudonymizer;
import io.annota.deid.DeidentificationInterceptor;
import io.annota.deid.DeidentificationSettings;
import io.annota.deid.DeidentifyOperationProvider;
import io.annota.deid.KnownIdentifierStore;
import io.annota.deid.Pseudonymizer;
import io.annota.server.config.AnnotaProperties;
import io.annota.server.config.DeidProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * De-identification on every write: the interceptor is registered with the JPA interceptor service, which HAPI
 * calls for REST requests, transactions and in-process DAO writes alike.
 */
@Configuration
public class DeidentificationConfig {

    private static final Logger log = LoggerFactory.getLogger(DeidentificationConfig.class);
    private static final Set<String> PROFILES =
            Set.of(DeidentificationSettings.SAFE_HARBOR, DeidentificationSettings.LIMITED_DATA_SET);

    @Bean
    public DeidentificationSettings deidentificationSettings(DeidProperties deid, AnnotaProperties annota) {
        DeidentificationSettings settings = settings(deid, annota);
        log.info("De-identification: profile {}, rule file {}, key from {}", settings.profile(),
                settings.rulesFile() == null ? "none" : settings.rulesFile(), keySource(deid));
        return settings;
    }

    /**
     * The settings {@code annota.deid.*} describe, checked: the key (see {@link PseudonymKeyProvider}), the profile
     * ({@code safe-harbor} or {@code limited-data-set}) and the rule file (readable, if set).
     *
     * @throws IllegalStateException naming the setting at fault (never the key)
     */
    public static DeidentificationSettings settings(DeidProperties deid, AnnotaProperties annota) {
        String profile = deid.profile() == null || deid.profile().isBlank()
                ? DeidentificationSettings.SAFE_HARBOR : deid.profile().trim();
        if (!PROFILES.contains(profile)) {
            throw new IllegalStateException("annota.deid.profile must be one of " + new TreeSet<>(PROFILES)
                    + ", found '" + profile + "'");
        }
        Path rulesFile = deid.rulesFile() == null || deid.rulesFile().toString().isBlank() ? null : deid.rulesFile();
        if (rulesFile != null && !(Files.isRegularFile(rulesFile) && Files.isReadable(rulesFile))) {
            throw new IllegalStateException("annota.deid.rules-file " + rulesFile + " is not a readable file");
        }
        return new DeidentificationSettings(PseudonymKeyProvider.load(deid, annota), profile, rulesFile);
    }

    private static String keySource(DeidProperties deid) {
        if (deid.key() != null && !deid.key().isBlank()) {
            return "annota.deid.key";
        }
        return deid.keyFile() != null ? "annota.deid.key-file" : "<data-dir>/secrets/pseudonym.key";
    }

    @Bean
    public Pseudonymizer pseudonymizer(DeidentificationSettings settings) {
        return new Pseudonymizer(settings.key());
    }

    @Bean
    public KnownIdentifierStore knownIdentifierStore(JdbcTemplate jdbc) {
        return new JdbcKnownIdentifierStore(jdbc);
    }

    @Bean
    public ConditionalUrlPseudonymizer conditionalUrlPseudonymizer(FhirContext fhirContext, Pseudonymizer pseudonymizer) {
        return new ConditionalUrlPseudonymizer(fhirContext, pseudonymizer);
    }

    /** Conditional parts of transactions, REST and in-process alike (a storage pointcut). */
    @Bean
    public ConditionalTransactionInterceptor conditionalTransactionInterceptor(
            FhirContext fhirContext, ConditionalUrlPseudonymizer urls, IInterceptorService interceptors) {
        ConditionalTransactionInterceptor interceptor = new ConditionalTransactionInterceptor(fhirContext, urls);
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }

    /** Conditional URLs of single REST requests (a server pointcut: registered with the RestfulServer). */
    @Bean
    public ConditionalRequestInterceptor conditionalRequestInterceptor(ConditionalUrlPseudonymizer urls) {
        return new ConditionalRequestInterceptor(urls);
    }

    /**
     * {@code $deidentify} at server and type level: the de-identified copy of a resource or Bundle, nothing stored.
     * Registered with the RestfulServer in {@code FhirServerConfig}.
     */
    @Bean
    public DeidentifyOperationProvider deidentifyOperationProvider(
            FhirContext fhirContext, DeidentificationSettings settings, KnownIdentifierStore store) {
        return new DeidentifyOperationProvider(fhirContext, settings, store);
    }

    @Bean
    public DeidentificationInterceptor deidentificationInterceptor(
            FhirContext fhirContext,
            DeidentificationSettings settings,
            KnownIdentifierStore store,
            IInterceptorService interceptors,
            MeterRegistry meters) {
        DeidentificationInterceptor interceptor = new DeidentificationInterceptor(fhirContext, settings, store);
        // what the text scrubber replaced, by type and rule (the text itself is never recorded)
        interceptor.textScrubber().onReplaced((type, rule) -> meters.counter("annota.deid.text.replaced",
                "type", type.name(), "rule", rule).increment());
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }
}
