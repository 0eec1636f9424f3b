package io.annota.server.intake;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import io.annota.deid.Pseudonymizer;
import io.annota.intake.hl7.FhirTransactionSink;
import io.annota.intake.hl7.Hl7Intake;
import io.annota.server.config.MllpProperties;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans the Camel intake routes call by name ({@code camel-routes/src/main/resources/camel/*.yaml}). */
@Configuration
public class IntakeConfig {

    @Bean
    public FhirTransactionSink fhirTransactionSink(IFhirSystemDao<Bundle, Meta> systemDao) {
        return new JpaTransactionSink(systemDao);
    }

    @Bean
    public Hl7Intake hl7Intake(Pseudonymizer pseudonymizer, MllpProperties mllp, FhirTransactionSink sink) {
        return new Hl7Intake(pseudonymizer, mllp.defaultZone(), sink);
    }
}
