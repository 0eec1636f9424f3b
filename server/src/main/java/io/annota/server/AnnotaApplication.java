package io.annota.server;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The Annota server: HAPI FHIR JPA (R4) at {@code /fhir}, HL7 v2 intake over MLLP (Camel), de-identification
 * on every write, and cTAKES annotation of clinical notes, in one JVM.
 */
@SpringBootApplication(exclude = QuartzAutoConfiguration.class)
@ConfigurationPropertiesScan
@Import({
    JpaR4Config.class,
    HapiJpaConfig.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    ThreadPoolFactoryConfig.class,
    SubscriptionChannelConfig.class
})
public class AnnotaApplication {

    public static void main(String[] args) {
        SpringApplication.run(AnnotaApplication.class, args);
    }
}
