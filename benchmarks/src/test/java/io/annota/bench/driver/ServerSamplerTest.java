package io.annota.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerSamplerTest {

    @Test
    void readsTheFirstMeasurement() {
        String json = """
                {"name":"process.cpu.usage","description":"recent cpu usage","baseUnit":null,
                 "measurements":[{"statistic":"VALUE","value":0.4375}],"availableTags":[]}""";
        assertThat(ServerSampler.parseMeasurement(json)).hasValue(0.4375);
        assertThat(ServerSampler.parseMeasurement("{\"measurements\":[]}")).isEmpty();
        assertThat(ServerSampler.parseMeasurement("{\"measurements\":[{\"value\":\"NaN\"}]}")).isEmpty();
        assertThat(ServerSampler.parseMeasurement("not json")).isEmpty();
    }

    @Test
    void actuatorNextToTheFhirBase() {
        assertThat(ServerSampler.actuatorFor("http://h:8080/fhir")).isEqualTo("http://h:8080/actuator");
        assertThat(ServerSampler.actuatorFor("http://h:8080/fhir/")).isEqualTo("http://h:8080/actuator");
    }

    @Test
    void anUnreachableServerGivesNoFiguresRatherThanZero() {
        ServerSampler sampler = new ServerSampler("http://127.0.0.1:1/actuator", Duration.ofMillis(50));
        ReplayReport.Server server = sampler.finish();
        assertThat(server.cpuAverage()).isNull();
        assertThat(server.rssMaxBytes()).isNull();
        assertThat(new ServerSampler(null, Duration.ofMillis(50)).finish().cpuSamples()).isZero();
    }
}
